package com.unifiedbeez.inbox.functions.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/** WhatsApp's webhook function ({@link WebhookFunction}). */
public final class WhatsAppWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Routes<WhatsAppWebhookHandler> ROUTES = WebhookRoutes.of("whatsapp");

    private final WebhookFunction function;

    /** Lambda's entry: one component per container, from the environment. */
    public WhatsAppWebhookHandler() {
        this(new WebhookFunction(DaggerWebhooksComponent.factory().create(Config.fromEnvironment()), Channel.WHATSAPP));
    }

    public WhatsAppWebhookHandler(WebhookFunction function) {
        this.function = function;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return function.handle(event);
    }
}
