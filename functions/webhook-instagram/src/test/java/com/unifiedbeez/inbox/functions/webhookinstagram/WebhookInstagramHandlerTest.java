package com.unifiedbeez.inbox.functions.webhookinstagram;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The Instagram webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookInstagramHandlerTest extends WebhookFunctionContract {
    WebhookInstagramHandlerTest() {
        super(Channel.INSTAGRAM, WebhookInstagramHandler.ROUTES,
                (config, adapter) -> new WebhookInstagramHandler(DaggerWebhookInstagramComponent.factory().create(config, adapter)));
    }
}
