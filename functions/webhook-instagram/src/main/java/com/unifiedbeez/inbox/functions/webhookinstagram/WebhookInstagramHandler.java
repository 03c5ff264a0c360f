package com.unifiedbeez.inbox.functions.webhookinstagram;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.instagram.InstagramWebhook;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/**
 * Instagram's webhook (public, no JWT: the platform's signature authenticates it): verify, queue,
 * answer 200 in milliseconds. Normalization happens behind the inbound queue.
 */
public final class WebhookInstagramHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Routes<WebhookInstagramHandler> ROUTES = WebhookRoutes.of("instagram");

    private final WebhookInstagramComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public WebhookInstagramHandler() {
        this(component(Config.fromEnvironment()));
    }

    private static WebhookInstagramComponent component(Config config) {
        return DaggerWebhookInstagramComponent.factory().create(config, new InstagramWebhook(config));
    }

    public WebhookInstagramHandler(WebhookInstagramComponent services) {
        this.services = services;
        // A handshake without parameters: the refusal path warms Jackson and the intake, touches no database or queue.
        this.priming = Priming.register(() -> handleRequest(
                Priming.syntheticGet("GET /api/webhooks/instagram", "/api/webhooks/instagram"), null), services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return services.webhooks().handle(event, services.adapter());
    }
}
