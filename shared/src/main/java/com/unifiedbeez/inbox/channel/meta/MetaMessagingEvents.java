package com.unifiedbeez.inbox.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.channel.InboundEvent.ReadUpTo;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code entry[].messaging[]} events Messenger and Instagram have in common, in the unified
 * format. A field only one platform sends is simply absent on the other (Messenger has no
 * {@code read.mid} or story, Instagram no {@code delivery}), so one reading serves both.
 *
 * <p>Decisions:
 * <ul>
 * <li>Echoes ({@code message.is_echo}) are our page's own messages (sent by us or from another
 *     tool such as the Page inbox): skipped, never a customer message. What we sent ourselves is
 *     already stored with its mid by the sender.</li>
 * <li>{@code delivery.mids} gives one "delivered" per mid at the watermark. A delivery without
 *     mids (older clients) is skipped: it names no message, and a watermark is not a read, so it
 *     must not become a ReadUpTo; the customer's next read watermark covers it.</li>
 * <li>{@code read.watermark} (Messenger) is a ReadUpTo; {@code read.mid} (Instagram
 *     messaging_seen) is a "read" of that message.</li>
 * <li>A story mention keeps only the story's CDN URL in metadata ({@code storyMention.url}), no
 *     media to download: Meta's story-mention guidance forbids storing the story's content.</li>
 * </ul>
 */
public final class MetaMessagingEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MetaMessagingEvents.class);

    /** Attachment types (Meta's words) we download, and the message type each one gives. */
    private static final Map<String, MessageType> MEDIA_TYPES = Map.of("image", MessageType.IMAGE,
            "video", MessageType.VIDEO, "audio", MessageType.AUDIO, "file", MessageType.DOCUMENT,
            "sticker", MessageType.STICKER);

    private MetaMessagingEvents() {
    }

    /**
     * The events of a delivery or a unit of one.
     *
     * @throws IllegalArgumentException when the payload is not JSON of this {@code object}
     */
    public static List<InboundEvent> normalize(String object, String payload) {
        JsonNode root = parse(payload);
        if (!object.equals(root.path("object").asText()) || !root.path("entry").isArray()) {
            throw new IllegalArgumentException("not a Meta \"" + object + "\" webhook payload");
        }
        List<InboundEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode event : entry.path("messaging")) {
                events.addAll(event(event, entry.path("time").asLong(0)));
            }
        }
        return events;
    }

    private static List<InboundEvent> event(JsonNode event, long entryTime) {
        String customerId = event.path("sender").path("id").asText("");
        Instant at = Instant.ofEpochMilli(event.path("timestamp").asLong(entryTime));
        Customer customer = new Customer(customerId.isEmpty() ? "unknown" : customerId, null, null, null);
        if (event.hasNonNull("message")) {
            return message(event.get("message"), customer, at);
        }
        if (event.hasNonNull("postback")) {
            return List.of(postback(event.get("postback"), customer, at));
        }
        if (event.hasNonNull("delivery")) {
            return deliveries(event.get("delivery"), customerId);
        }
        if (event.hasNonNull("read")) {
            return List.of(read(event.get("read"), customerId, at));
        }
        if (event.hasNonNull("reaction")) {
            JsonNode reaction = event.get("reaction");
            String emoji = "unreact".equals(reaction.path("action").asText()) ? null : text(reaction, "emoji");
            return List.of(new Reaction(reaction.path("mid").asText(), customer, emoji, at));
        }
        if (event.hasNonNull("message_edit")) {
            JsonNode edit = event.get("message_edit");
            return List.of(new MessageEdit(edit.path("mid").asText(), customer, text(edit, "text"), at));
        }
        LOG.info("Meta messaging event skipped: no field we handle");
        return List.of();
    }

    private static List<InboundEvent> message(JsonNode message, Customer from, Instant at) {
        String mid = text(message, "mid");
        if (message.path("is_echo").asBoolean(false)) {
            LOG.debug("echo of our own message {} skipped", mid);
            return List.of();
        }
        if (mid == null || message.path("is_deleted").asBoolean(false)) {
            LOG.info("Meta message skipped: {}", mid == null ? "no mid" : "deleted by the customer");
            return List.of();
        }
        ObjectNode metadata = Json.mapper().createObjectNode();
        Map<String, InboundMedia> media = new LinkedHashMap<>(); // by URL: stickers come as sticker and image
        MessageType mediaType = null;
        ArrayNode others = null;
        for (JsonNode attachment : message.path("attachments")) {
            String kind = attachment.path("type").asText();
            String url = text(attachment.path("payload"), "url");
            if (attachment.path("payload").has("sticker_id")) {
                kind = "sticker";
            }
            if ("story_mention".equals(kind)) {
                metadata.putObject("storyMention").put("url", url);
            } else if (MEDIA_TYPES.containsKey(kind) && url != null) {
                mediaType = mediaType == null || "sticker".equals(kind) ? MEDIA_TYPES.get(kind) : mediaType;
                media.merge(url, new InboundMedia(url, null, null, null), (first, again) -> first);
            } else {
                others = others == null ? metadata.putArray("otherAttachments") : others;
                others.add(attachment);
            }
        }
        JsonNode replyTo = message.path("reply_to");
        if (replyTo.has("story")) {
            metadata.putObject("storyReply")
                    .put("id", text(replyTo.get("story"), "id"))
                    .put("url", text(replyTo.get("story"), "url"));
        }
        String text = text(message, "text");
        MessageType type;
        if (message.has("quick_reply")) {
            type = MessageType.INTERACTIVE;
            metadata.putObject("interactive").put("kind", "quick_reply")
                    .put("id", text(message.get("quick_reply"), "payload")).put("title", text);
        } else if (mediaType != null) {
            type = mediaType;
        } else {
            type = text != null && !message.path("is_unsupported").asBoolean(false) ? MessageType.TEXT
                    : MessageType.UNSUPPORTED;
        }
        return List.of(new InboundMessage(mid, from, at, type, text, metadata, List.copyOf(media.values()),
                text(replyTo, "mid"), List.of()));
    }

    private static InboundEvent postback(JsonNode postback, Customer from, Instant at) {
        String title = text(postback, "title");
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.putObject("interactive").put("kind", "postback")
                .put("id", text(postback, "payload")).put("title", title);
        // mid is in postbacks since v11; before, the click itself is the identity
        String mid = text(postback, "mid");
        String externalId = mid != null ? mid : "postback:" + from.identifier() + ":" + at.toEpochMilli();
        return new InboundMessage(externalId, from, at, MessageType.INTERACTIVE, title, metadata, List.of(), null,
                List.of());
    }

    private static List<InboundEvent> deliveries(JsonNode delivery, String customerId) {
        Instant watermark = Instant.ofEpochMilli(delivery.path("watermark").asLong());
        List<InboundEvent> reports = new ArrayList<>();
        for (JsonNode mid : delivery.path("mids")) {
            reports.add(new StatusReport(mid.asText(), customerId, MessageStatus.DELIVERED, watermark, null, null));
        }
        if (reports.isEmpty()) {
            LOG.debug("delivery watermark without mids skipped");
        }
        return reports;
    }

    private static InboundEvent read(JsonNode read, String customerId, Instant at) {
        String mid = text(read, "mid");
        if (mid != null) {
            return new StatusReport(mid, customerId, MessageStatus.READ, at, null, null);
        }
        return new ReadUpTo(customerId, Instant.ofEpochMilli(read.path("watermark").asLong(at.toEpochMilli())));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode parse(String payload) {
        try {
            JsonNode root = Json.mapper().readTree(payload);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("Meta payload is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("Meta payload is not JSON", e);
        }
    }
}
