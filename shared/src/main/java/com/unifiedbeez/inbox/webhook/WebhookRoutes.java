package com.unifiedbeez.inbox.webhook;

import com.unifiedbeez.inbox.platform.http.Routes;

/**
 * The routes of a channel's webhook function: {@code /api/webhooks/{channel}} and the spec's
 * {@code /api/inbox/webhooks/{channel}}, GET (handshake) and POST (deliveries), all public (no
 * JWT: the platform's signature is the authentication). The table declares them for the template
 * contract and the local gateway; requests are served by {@link ApiGatewayWebhooks}, which needs
 * the raw body, so the table's actions are never called.
 */
public final class WebhookRoutes {
    private WebhookRoutes() {
    }

    public static <H> Routes<H> of(String channel) {
        Routes.Action<H> served = (handler, request) -> {
            throw new IllegalStateException("webhook routes are served by ApiGatewayWebhooks, not HttpDispatcher");
        };
        return Routes.<H>builder()
                .get("/api/webhooks/" + channel, served)
                .post("/api/webhooks/" + channel, served)
                .get("/api/inbox/webhooks/" + channel, served)
                .post("/api/inbox/webhooks/" + channel, served)
                .build();
    }
}
