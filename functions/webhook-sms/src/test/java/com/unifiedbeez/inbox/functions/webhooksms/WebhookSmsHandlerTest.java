package com.unifiedbeez.inbox.functions.webhooksms;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The SMS (Twilio) webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookSmsHandlerTest extends WebhookFunctionContract {
    WebhookSmsHandlerTest() {
        super(Channel.SMS, WebhookSmsHandler.ROUTES,
                (config, adapter) -> new WebhookSmsHandler(DaggerWebhookSmsComponent.factory().create(config, adapter)));
    }
}
