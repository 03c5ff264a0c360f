package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/** Messenger's webhook function ({@link WebhookFunction}). */
public final class MessengerWebhookHandler extends ChannelWebhookHandler {
    public static final Routes<MessengerWebhookHandler> ROUTES = WebhookRoutes.of("messenger");

    public MessengerWebhookHandler() {
        super(Channel.MESSENGER);
    }

    public MessengerWebhookHandler(WebhookFunction function) {
        super(function);
    }
}
