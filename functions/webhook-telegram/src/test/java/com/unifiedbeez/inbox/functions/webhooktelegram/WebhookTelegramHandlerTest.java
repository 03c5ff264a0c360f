package com.unifiedbeez.inbox.functions.webhooktelegram;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookAdapter;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The Telegram webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookTelegramHandlerTest extends WebhookFunctionContract {
    @Override
    protected Channel channel() {
        return Channel.TELEGRAM;
    }

    @Override
    protected Routes<?> routes() {
        return WebhookTelegramHandler.ROUTES;
    }

    @Override
    protected RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Config config, WebhookAdapter adapter) {
        return new WebhookTelegramHandler(DaggerWebhookTelegramComponent.factory().create(config, adapter));
    }
}
