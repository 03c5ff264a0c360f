package com.unifiedbeez.inbox.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.channel.meta.MetaSignature;
import com.unifiedbeez.inbox.channel.meta.MetaWebhook;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp Cloud API webhooks: the GET verification handshake and the signed POST of
 * {@code whatsapp_business_account} notifications, split into one unit per message or status so
 * each lands in its conversation's FIFO group. Payload shapes: developers.facebook.com/documentation/
 * business-messaging/whatsapp/webhooks/reference/messages (fixtures in events/webhooks/whatsapp).
 */
@Singleton
public final class WhatsAppWebhook implements WebhookAdapter {
    static final String OBJECT = "whatsapp_business_account";
    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppWebhook.class);

    private final Config config;

    @Inject
    public WhatsAppWebhook(Config config) {
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public Optional<String> verifySubscription(Map<String, String> query) {
        return MetaWebhook.subscriptionChallenge(config, query);
    }

    @Override
    public List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections) {
        MetaSignature.verify(config.require(PlatformEndpoints.META_APP_SECRET), request.header(MetaSignature.HEADER),
                request.body());
        JsonNode root = parse(request.body());
        Map<String, Optional<ChannelConnection>> byPhoneNumberId = new HashMap<>();
        List<WebhookUnit> units = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                if (!"messages".equals(change.path("field").asText())) {
                    LOG.info("whatsapp webhook field '{}' ignored", change.path("field").asText());
                    continue;
                }
                JsonNode value = change.path("value");
                String phoneNumberId = value.path("metadata").path("phone_number_id").asText("");
                Optional<ChannelConnection> connection = byPhoneNumberId.computeIfAbsent(phoneNumberId,
                        id -> connections.findLive(Channel.WHATSAPP, id));
                if (connection.isEmpty()) {
                    LOG.warn("whatsapp webhook for unknown phone_number_id '{}' dropped ({} messages, {} statuses)",
                            phoneNumberId, value.path("messages").size(), value.path("statuses").size());
                    continue;
                }
                split(root, entry, value, connection.get(), units);
            }
        }
        return units;
    }

    private static JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw WebhookRejected.malformed("body is not JSON");
        }
        if (root == null || !OBJECT.equals(root.path("object").asText())) {
            throw WebhookRejected.malformed("not a " + OBJECT + " notification");
        }
        return root;
    }

    private static void split(JsonNode root, JsonNode entry, JsonNode value, ChannelConnection connection,
                              List<WebhookUnit> units) {
        for (JsonNode message : value.path("messages")) {
            String from = message.path("from").asText("");
            if (from.isEmpty()) {
                LOG.warn("whatsapp message {} without 'from' dropped", message.path("id").asText());
                continue;
            }
            ObjectNode piece = piece(value);
            contactOf(value, from).ifPresent(c -> piece.putArray("contacts").add(c));
            piece.putArray("messages").add(message);
            units.add(new WebhookUnit(connection, from, Json.write(envelope(root, entry, piece))));
        }
        for (JsonNode status : value.path("statuses")) {
            String recipient = status.path("recipient_id").asText("");
            if (recipient.isEmpty()) {
                LOG.warn("whatsapp status of {} without 'recipient_id' dropped", status.path("id").asText());
                continue;
            }
            ObjectNode piece = piece(value);
            piece.putArray("statuses").add(status);
            units.add(new WebhookUnit(connection, recipient, Json.write(envelope(root, entry, piece))));
        }
    }

    /** The change value reduced to what every piece shares. */
    private static ObjectNode piece(JsonNode value) {
        ObjectNode piece = Json.mapper().createObjectNode();
        piece.set("messaging_product", value.get("messaging_product"));
        piece.set("metadata", value.get("metadata"));
        return piece;
    }

    /** The sender's entry of value.contacts: the one with its wa_id, else the only one there is. */
    static Optional<JsonNode> contactOf(JsonNode value, String waId) {
        JsonNode contacts = value.path("contacts");
        for (JsonNode contact : contacts) {
            if (waId.equals(contact.path("wa_id").asText())) {
                return Optional.of(contact);
            }
        }
        return contacts.size() == 1 && value.path("messages").size() == 1
                ? Optional.of(contacts.get(0)) : Optional.empty();
    }

    /** A one-piece notification, still shaped as Meta sends it, so the normalizer reads one format. */
    private static ObjectNode envelope(JsonNode root, JsonNode entry, ObjectNode value) {
        ObjectNode out = Json.mapper().createObjectNode().put("object", root.path("object").asText());
        ObjectNode oneEntry = out.putArray("entry").addObject();
        oneEntry.set("id", entry.get("id"));
        ArrayNode changes = oneEntry.putArray("changes");
        changes.addObject().put("field", "messages").set("value", value);
        return out;
    }
}
