package com.unifiedbeez.inbox.channel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook side of a channel adapter: verifies a delivery against its raw body and splits it
 * into per-conversation units, each bound to its connection. Units of unknown connections are left
 * out (logged): platforms retry anything but 2xx for days.
 */
public interface WebhookAdapter {
    Channel channel();

    /**
     * The verified units of a delivery, in the order the platform gave them.
     *
     * @throws WebhookRejected on a bad signature (nothing may be queued) or a malformed body
     */
    List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections);

    /**
     * Answers a subscription handshake (Meta's GET with hub.mode=subscribe, hub.verify_token,
     * hub.challenge): the challenge to echo, or empty when the request is not a valid handshake.
     */
    default Optional<String> verifySubscription(Map<String, String> query) {
        return Optional.empty();
    }
}
