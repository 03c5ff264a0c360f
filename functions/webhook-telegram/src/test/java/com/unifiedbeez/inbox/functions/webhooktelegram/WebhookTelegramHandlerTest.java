package com.unifiedbeez.inbox.functions.webhooktelegram;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The Telegram webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookTelegramHandlerTest extends WebhookFunctionContract {
    WebhookTelegramHandlerTest() {
        super(Channel.TELEGRAM, WebhookTelegramHandler.ROUTES,
                (config, adapter) -> new WebhookTelegramHandler(DaggerWebhookTelegramComponent.factory().create(config, adapter)));
    }
}
