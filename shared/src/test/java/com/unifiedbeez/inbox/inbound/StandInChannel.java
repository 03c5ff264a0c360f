package com.unifiedbeez.inbox.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.channel.InboundEvent.ReadUpTo;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small made-up platform for testing the pipeline around the real adapters (webhook intake,
 * queue, normalizer, storage) with nothing channel-specific in the way. Modelled on Meta's shape:
 *
 * <pre>
 * POST {"entries": [ {"account": "&lt;connection external id&gt;", "kind": "message", "id": "m-1",
 *                     "from": "+447700900001", "name": "Ada", "text": "hi", "at": "2026-01-01T10:00:00Z",
 *                     "mediaUrl": "http://...", "mediaType": "image/png", "fileName": "a.png",
 *                     "references": ["&lt;older id&gt;", ...]},
 *                    {"account": ..., "kind": "status", "id": "&lt;our message's platform id&gt;", "from": "&lt;recipient&gt;",
 *                     "status": "delivered", "at": ...},
 *                    {"kind": "read", "from": ..., "at": ...}, {"kind": "edit", "id": ..., "text": ..., "at": ...},
 *                    {"kind": "reaction", "id": "&lt;target id&gt;", "from": ..., "emoji": "👍", "at": ...} ]}
 * X-StandIn-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body, keyed with the app secret&gt;
 * GET ?hub.mode=subscribe&amp;hub.verify_token=&lt;token&gt;&amp;hub.challenge=&lt;echoed&gt;
 * </pre>
 * Each entry is one unit (its own conversation and queue group); media is fetched by plain GET.
 */
public final class StandInChannel implements WebhookAdapter, IncomingNormalizer {
    public static final String SIGNATURE_HEADER = "x-standin-signature";

    private final Channel channel;
    private final String appSecret;
    private final String verifyToken;
    private final PlatformHttp http = new PlatformHttp();

    public StandInChannel(Channel channel, String appSecret, String verifyToken) {
        this.channel = channel;
        this.appSecret = appSecret;
        this.verifyToken = verifyToken;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public Optional<String> verifySubscription(Map<String, String> query) {
        boolean valid = "subscribe".equals(query.get("hub.mode")) && verifyToken.equals(query.get("hub.verify_token"))
                && query.get("hub.challenge") != null;
        return valid ? Optional.of(query.get("hub.challenge")) : Optional.empty();
    }

    @Override
    public List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections) {
        String expected = "sha256=" + hmac(appSecret, request.body());
        String given = request.header(SIGNATURE_HEADER).orElseThrow(() -> WebhookRejected.badSignature("no signature"));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw WebhookRejected.badSignature("signature does not match the body");
        }
        JsonNode entries;
        try {
            entries = Json.mapper().readTree(request.body()).path("entries");
        } catch (IOException e) {
            throw WebhookRejected.malformed("not JSON");
        }
        if (!entries.isArray()) {
            throw WebhookRejected.malformed("no entries");
        }
        List<WebhookUnit> units = new ArrayList<>();
        for (JsonNode entry : entries) {
            Optional<ChannelConnection> connection = connections.findLive(channel, entry.path("account").asText());
            if (connection.isEmpty()) {
                continue; // unknown account: acknowledged, dropped
            }
            units.add(new WebhookUnit(connection.get(), entry.path("from").asText(), entry.toString()));
        }
        return units;
    }

    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        JsonNode e;
        try {
            e = Json.mapper().readTree(payload);
        } catch (IOException ex) {
            throw new IllegalArgumentException("not a stand-in entry");
        }
        Instant at = Instant.parse(e.path("at").asText("2026-01-01T00:00:00Z"));
        Customer from = new Customer(e.path("from").asText(), text(e, "name"), null, null);
        InboundEvent event = switch (e.path("kind").asText("message")) {
            case "message" -> {
                List<InboundMedia> media = e.hasNonNull("mediaUrl")
                        ? List.of(new InboundMedia(e.get("mediaUrl").asText(), text(e, "mediaType"), text(e, "fileName"), null))
                        : List.of();
                ObjectNode metadata = Json.mapper().createObjectNode();
                if (e.hasNonNull("subject")) {
                    metadata.put("subject", e.get("subject").asText());
                }
                List<String> references = new ArrayList<>();
                e.path("references").forEach(r -> references.add(r.asText()));
                yield new InboundMessage(e.path("id").asText(), from, at, media.isEmpty() ? MessageType.TEXT : MessageType.IMAGE,
                        text(e, "text"), metadata, media, null, references);
            }
            case "status" -> new StatusReport(e.path("id").asText(), from.identifier(),
                    MessageStatus.parse(e.path("status").asText()).orElseThrow(), at, null, null);
            case "read" -> new ReadUpTo(from.identifier(), at);
            case "edit" -> new MessageEdit(e.path("id").asText(), from, text(e, "text"), at);
            case "reaction" -> new Reaction(e.path("id").asText(), from, text(e, "emoji"), at);
            default -> null; // unknown kinds are skipped
        };
        return event == null ? List.of() : List.of(event);
    }

    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        PlatformHttp.Answer answer = http.exchange(PlatformHttp.request(media.reference()).GET().build());
        if (!answer.ok()) {
            throw new IOException("media server answered " + answer.status());
        }
        return new MediaContent(answer.body(), answer.contentType().orElse(media.contentType()), media.fileName());
    }

    /** A signed delivery of these entries: the body and its signature header value. */
    public Signed deliver(JsonNode... entries) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("entries");
        for (JsonNode entry : entries) {
            list.add(entry);
        }
        String text = body.toString();
        return new Signed(text, "sha256=" + hmac(appSecret, text.getBytes(StandardCharsets.UTF_8)));
    }

    public record Signed(String body, String signature) {
    }

    /** A customer's text message entry. */
    public static ObjectNode message(String account, String id, String from, String name, String text, Instant at) {
        return entry(account, "message", id, from, at).put("name", name).put("text", text);
    }

    public static ObjectNode entry(String account, String kind, String id, String from, Instant at) {
        return Json.mapper().createObjectNode().put("account", account).put("kind", kind).put("id", id).put("from", from)
                .put("at", at.toString());
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    public static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
