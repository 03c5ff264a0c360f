package com.unifiedbeez.inbox.functions.webhookwhatsapp;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The WhatsApp webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookWhatsAppHandlerTest extends WebhookFunctionContract {
    WebhookWhatsAppHandlerTest() {
        super(Channel.WHATSAPP, WebhookWhatsAppHandler.ROUTES,
                (config, adapter) -> new WebhookWhatsAppHandler(DaggerWebhookWhatsAppComponent.factory().create(config, adapter)));
    }
}
