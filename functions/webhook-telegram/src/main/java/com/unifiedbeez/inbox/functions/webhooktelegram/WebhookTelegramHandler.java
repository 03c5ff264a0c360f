package com.unifiedbeez.inbox.functions.webhooktelegram;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.telegram.TelegramWebhook;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.webhook.WebhookRoutes;

/**
 * Telegram's webhook (public, no JWT: the platform's signature authenticates it): verify, queue,
 * answer 200 in milliseconds. Normalization happens behind the inbound queue.
 */
public final class WebhookTelegramHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final Routes<WebhookTelegramHandler> ROUTES = WebhookRoutes.of("telegram");

    private final WebhookTelegramComponent services;
    private final Priming priming; // held so the CRaC context keeps it

    /** Lambda's entry: one component per container, from the environment. */
    public WebhookTelegramHandler() {
        this(component(Config.fromEnvironment()));
    }

    private static WebhookTelegramComponent component(Config config) {
        return DaggerWebhookTelegramComponent.factory().create(config, new TelegramWebhook());
    }

    public WebhookTelegramHandler(WebhookTelegramComponent services) {
        this.services = services;
        // A handshake without parameters: the refusal path warms Jackson and the intake, touches no database or queue.
        this.priming = Priming.register(() -> handleRequest(
                Priming.syntheticGet("GET /api/webhooks/telegram", "/api/webhooks/telegram"), null), services.dataSource());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return services.webhooks().handle(event, services.adapter());
    }
}
