package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/** Instagram's webhook function ({@link WebhookFunction}). */
public final class InstagramWebhookHandler extends ChannelWebhookHandler {
    public static final Routes<InstagramWebhookHandler> ROUTES = WebhookRoutes.of("instagram");

    public InstagramWebhookHandler() {
        super(Channel.INSTAGRAM);
    }

    public InstagramWebhookHandler(WebhookFunction function) {
        super(function);
    }
}
