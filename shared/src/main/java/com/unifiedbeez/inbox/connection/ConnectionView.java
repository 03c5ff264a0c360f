package com.unifiedbeez.inbox.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A channel connection as the API shows it: settings and health, never credentials. */
public record ConnectionView(UUID id, Channel channel, String name, String externalId, String status, JsonNode config,
                             Instant lastHealthAt, String lastHealthStatus, String lastHealthDetail, Instant createdAt,
                             Instant disconnectedAt) {

    /**
     * The settings with any key that names a secret removed. Secrets live in the encrypted column,
     * so none should be here; this guards against a row written by hand or by older code.
     */
    static JsonNode withoutSecrets(JsonNode config) {
        if (!(config instanceof ObjectNode object)) {
            return config;
        }
        ObjectNode copy = object.deepCopy();
        object.fieldNames().forEachRemaining(name -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.contains("token") || lower.contains("secret") || lower.contains("password")) {
                copy.remove(name);
            }
        });
        return copy;
    }
}
