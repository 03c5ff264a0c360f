package com.unifiedbeez.inbox.functions.webhookwhatsapp;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppWebhook;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/**
 * WhatsApp's webhook (public, no JWT: the platform's signature authenticates it): verify, queue,
 * answer 200 in milliseconds. Normalization happens behind the inbound queue.
 */
public final class WebhookWhatsAppHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Routes<WebhookWhatsAppHandler> ROUTES = WebhookRoutes.of("whatsapp");

    private final WebhookWhatsAppComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public WebhookWhatsAppHandler() {
        this(component(Config.fromEnvironment()));
    }

    private static WebhookWhatsAppComponent component(Config config) {
        return DaggerWebhookWhatsAppComponent.factory().create(config, new WhatsAppWebhook(config));
    }

    public WebhookWhatsAppHandler(WebhookWhatsAppComponent services) {
        this.services = services;
        // A handshake without parameters: the refusal path warms Jackson and the intake, touches no database or queue.
        this.priming = Priming.register(() -> handleRequest(
                Priming.syntheticGet("GET /api/webhooks/whatsapp", "/api/webhooks/whatsapp"), null), services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return services.webhooks().handle(event, services.adapter());
    }
}
