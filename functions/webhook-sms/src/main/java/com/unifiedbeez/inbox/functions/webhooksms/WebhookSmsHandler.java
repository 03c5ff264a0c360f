package com.unifiedbeez.inbox.functions.webhooksms;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.sms.SmsWebhook;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/**
 * The Twilio SMS webhook (public, no JWT: the platform's signature authenticates it): verify, queue,
 * answer 200 in milliseconds. Normalization happens behind the inbound queue.
 */
public final class WebhookSmsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Routes<WebhookSmsHandler> ROUTES = WebhookRoutes.of("sms");

    private final WebhookSmsComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public WebhookSmsHandler() {
        this(component(Config.fromEnvironment()));
    }

    private static WebhookSmsComponent component(Config config) {
        return DaggerWebhookSmsComponent.factory().create(config, new SmsWebhook());
    }

    public WebhookSmsHandler(WebhookSmsComponent services) {
        this.services = services;
        // A handshake without parameters: the refusal path warms Jackson and the intake, touches no database or queue.
        this.priming = Priming.register(() -> handleRequest(
                Priming.syntheticGet("GET /api/webhooks/sms", "/api/webhooks/sms"), null), services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return services.webhooks().handle(event, services.adapter());
    }
}
