package com.unifiedbeez.inbox.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook side shared by Messenger ({@code object: "page"}) and Instagram ({@code object:
 * "instagram"}): the GET subscription handshake, the signature, and the split of a delivery into
 * one unit per {@code entry[].messaging[]} event, each still Meta-shaped
 * ({@code {"object", "entry": [{"id", "time", "messaging": [event]}]}}).
 */
public final class MetaWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(MetaWebhook.class);

    private final Channel channel;
    private final String object;
    private final Config config;

    public MetaWebhook(Channel channel, String object, Config config) {
        this.channel = channel;
        this.object = object;
        this.config = config;
    }

    /** hub.mode=subscribe with our verify token: the challenge to echo. */
    public Optional<String> verifySubscription(Map<String, String> query) {
        return subscriptionChallenge(config, query);
    }

    /**
     * The GET handshake every Meta webhook (WhatsApp too) answers: {@code hub.mode=subscribe} and
     * {@code hub.verify_token} equal to our META_VERIFY_TOKEN give {@code hub.challenge} to echo.
     */
    public static Optional<String> subscriptionChallenge(Config config, Map<String, String> query) {
        String expected = config.get(PlatformEndpoints.META_VERIFY_TOKEN).orElse(null);
        String given = query.get("hub.verify_token");
        String challenge = query.get("hub.challenge");
        if (expected == null || given == null || challenge == null || !"subscribe".equals(query.get("hub.mode"))) {
            return Optional.empty();
        }
        boolean same = MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
        return same ? Optional.of(challenge) : Optional.empty();
    }

    public List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections) {
        String secret = config.require(PlatformEndpoints.META_APP_SECRET);
        MetaSignature.verify(secret, request.header(MetaSignature.HEADER), request.body());
        JsonNode root = parse(request.body());
        if (!object.equals(root.path("object").asText())) {
            throw WebhookRejected.malformed("object must be \"" + object + "\"");
        }
        if (!root.path("entry").isArray()) {
            throw WebhookRejected.malformed("entry must be an array");
        }
        List<WebhookUnit> units = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            String accountId = entry.path("id").asText("");
            Optional<ChannelConnection> connection = connections.findLive(channel, accountId);
            if (connection.isEmpty()) {
                LOG.info("{} webhook for unknown account {} dropped", channel.wireName(), accountId);
                continue;
            }
            if (!entry.path("messaging").isArray()) {
                // standby (handover protocol) and changes (comments) are not conversations we hold
                LOG.info("{} webhook entry without messaging[] skipped ({})", channel.wireName(), fieldNames(entry));
                continue;
            }
            for (JsonNode event : entry.path("messaging")) {
                String customer = customerOf(event);
                if (customer.isEmpty()) {
                    // a Chat Plugin visitor without PSID (sender.user_ref): no conversation we can answer
                    LOG.info("{} messaging event without sender/recipient id skipped", channel.wireName());
                    continue;
                }
                units.add(new WebhookUnit(connection.get(), customer, Json.write(unit(entry, event))));
            }
        }
        return units;
    }

    /** The customer's PSID/IGSID: the sender, except for echoes of our own messages (the recipient); "" if absent. */
    static String customerOf(JsonNode event) {
        boolean echo = event.path("message").path("is_echo").asBoolean(false);
        return (echo ? event.path("recipient") : event.path("sender")).path("id").asText("");
    }

    private ObjectNode unit(JsonNode entry, JsonNode event) {
        ObjectNode payload = Json.mapper().createObjectNode().put("object", object);
        ObjectNode single = payload.putArray("entry").addObject();
        single.set("id", entry.get("id"));
        single.set("time", entry.get("time"));
        single.putArray("messaging").add(event);
        return payload;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode root = Json.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw WebhookRejected.malformed("body is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw WebhookRejected.malformed("body is not JSON");
        }
    }

    private static String fieldNames(JsonNode entry) {
        List<String> names = new ArrayList<>();
        entry.fieldNames().forEachRemaining(names::add);
        return String.join(",", names);
    }
}
