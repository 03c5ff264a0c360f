package com.unifiedbeez.inbox.functions.webhookmessenger;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The Messenger webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookMessengerHandlerTest extends WebhookFunctionContract {
    WebhookMessengerHandlerTest() {
        super(Channel.MESSENGER, WebhookMessengerHandler.ROUTES,
                (config, adapter) -> new WebhookMessengerHandler(DaggerWebhookMessengerComponent.factory().create(config, adapter)));
    }
}
