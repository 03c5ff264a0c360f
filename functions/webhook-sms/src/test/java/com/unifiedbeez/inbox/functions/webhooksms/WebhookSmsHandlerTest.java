package com.unifiedbeez.inbox.functions.webhooksms;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookAdapter;
import com.unifiedbeez.inbox.webhook.WebhookFunctionContract;

/** The SMS (Twilio) webhook function held to {@link WebhookFunctionContract} on its real component. */
class WebhookSmsHandlerTest extends WebhookFunctionContract {
    @Override
    protected Channel channel() {
        return Channel.SMS;
    }

    @Override
    protected Routes<?> routes() {
        return WebhookSmsHandler.ROUTES;
    }

    @Override
    protected RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Config config, WebhookAdapter adapter) {
        return new WebhookSmsHandler(DaggerWebhookSmsComponent.factory().create(config, adapter));
    }
}
