package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/** WhatsApp's webhook function ({@link WebhookFunction}). */
public final class WhatsAppWebhookHandler extends ChannelWebhookHandler {
    public static final Routes<WhatsAppWebhookHandler> ROUTES = WebhookRoutes.of("whatsapp");

    public WhatsAppWebhookHandler() {
        super(Channel.WHATSAPP);
    }

    public WhatsAppWebhookHandler(WebhookFunction function) {
        super(function);
    }
}
