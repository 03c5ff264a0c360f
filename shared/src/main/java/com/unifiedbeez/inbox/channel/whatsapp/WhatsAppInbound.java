package com.unifiedbeez.inbox.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaGraphError;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WhatsApp Cloud API notifications to unified events. Shapes: developers.facebook.com/documentation/
 * business-messaging/whatsapp/webhooks/reference/messages (one page per message type, and "status").
 * Media is fetched by id: GET /{media-id} gives a short-lived URL, downloaded with the same token
 * (developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media,
 * "Retrieve media URL" and "Download media").
 */
@Singleton
public final class WhatsAppInbound implements IncomingNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppInbound.class);

    private final PlatformHttp http;
    private final String graph;

    @Inject
    public WhatsAppInbound(Config config, PlatformHttp http) {
        this.http = http;
        this.graph = PlatformEndpoints.graphApi(config);
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("WhatsApp payload is not JSON");
        }
        if (root == null || !WhatsAppWebhook.OBJECT.equals(root.path("object").asText())) {
            throw new IllegalArgumentException("not a " + WhatsAppWebhook.OBJECT + " notification");
        }
        List<InboundEvent> events = new ArrayList<>();
        for (JsonNode entry : root.path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                for (JsonNode message : value.path("messages")) {
                    message(value, message).ifPresent(events::add);
                }
                for (JsonNode status : value.path("statuses")) {
                    status(status).ifPresent(events::add);
                }
            }
        }
        return events;
    }

    private static Optional<InboundEvent> message(JsonNode value, JsonNode message) {
        String id = message.path("id").asText("");
        String from = message.path("from").asText("");
        Instant sentAt = seconds(message.path("timestamp"));
        if (id.isEmpty() || from.isEmpty() || sentAt == null) {
            LOG.warn("whatsapp message without id, from or timestamp skipped ({})", id);
            return Optional.empty();
        }
        String name = WhatsAppWebhook.contactOf(value, from).map(c -> c.path("profile").path("name").asText(null))
                .orElse(null);
        Customer customer = new Customer(from, name, "+" + from, null);
        String kind = message.path("type").asText(""); // the Cloud API's message type, not ours
        if ("reaction".equals(kind)) {
            JsonNode reaction = message.path("reaction");
            return Optional.of(new Reaction(reaction.path("message_id").asText(null), customer,
                    reaction.path("emoji").asText(null), sentAt));
        }
        ObjectNode metadata = Json.mapper().createObjectNode();
        String text = null;
        List<InboundMedia> media = List.of();
        JsonNode body = message.path(kind);
        MessageType type;
        switch (kind) {
            case "text" -> {
                text = body.path("body").asText(null);
                type = MessageType.TEXT;
            }
            case "image", "video", "audio", "document", "sticker" -> {
                // the Cloud API's media kinds are ours by the same names
                type = MessageType.parse(kind).orElseThrow();
                text = body.path("caption").asText(null);
                media = List.of(new InboundMedia(body.path("id").asText(), body.path("mime_type").asText(null),
                        type == MessageType.DOCUMENT ? body.path("filename").asText(null) : null, null));
                if (body.path("voice").asBoolean(false)) {
                    metadata.put("voice", true);
                }
            }
            case "location" -> {
                metadata.set("location", body);
                text = body.hasNonNull("name") ? body.path("name").asText() : body.path("address").asText(null);
                type = MessageType.LOCATION;
            }
            case "contacts" -> {
                metadata.set("contacts", body);
                text = StreamSupport.stream(body.spliterator(), false)
                        .map(c -> c.path("name").path("formatted_name").asText(""))
                        .filter(s -> !s.isBlank()).collect(Collectors.joining(", "));
                type = MessageType.CONTACTS;
            }
            case "interactive" -> {
                // button_reply, list_reply, nfm_reply (flows): the reply object sits under its type's name
                String replyKind = body.path("type").asText("");
                JsonNode reply = body.path(replyKind);
                ObjectNode interactive = metadata.putObject("interactive").put("type", replyKind);
                reply.properties().forEach(f -> interactive.set(f.getKey(), f.getValue()));
                text = reply.has("title") ? reply.path("title").asText() : reply.path("body").asText(null);
                type = MessageType.INTERACTIVE;
            }
            case "button" -> {
                // a quick-reply button of a template we sent
                metadata.putObject("interactive").put("type", "button")
                        .put("payload", body.path("payload").asText(null)).put("text", body.path("text").asText(null));
                text = body.path("text").asText(null);
                type = MessageType.INTERACTIVE;
            }
            default -> {
                // "unsupported", "unknown", "system" and kinds newer than this code: kept, never an error
                metadata.put("whatsappType", kind);
                if (message.has("errors")) {
                    metadata.set("errors", message.get("errors"));
                }
                if (message.has(kind) && !kind.isEmpty()) {
                    metadata.set(kind, body);
                }
                type = MessageType.UNSUPPORTED;
            }
        }
        if (message.has("referral")) {
            metadata.set("referral", message.get("referral")); // the Click to WhatsApp ad the customer came from
        }
        return Optional.of(new InboundMessage(id, customer, sentAt, type, text, metadata, media,
                message.path("context").path("id").asText(null), List.of()));
    }

    private static Optional<InboundEvent> status(JsonNode status) {
        String id = status.path("id").asText("");
        Optional<MessageStatus> kind = MessageStatus.parse(status.path("status").asText(""))
                .filter(s -> s != MessageStatus.QUEUED);
        Instant at = seconds(status.path("timestamp"));
        if (id.isEmpty() || kind.isEmpty() || at == null) {
            LOG.info("whatsapp status '{}' of {} skipped", status.path("status").asText(), id);
            return Optional.empty();
        }
        JsonNode error = status.path("errors").path(0);
        String code = error.hasNonNull("code") ? error.path("code").asText() : null;
        String reason = Stream.of(error.path("title").asText(null), error.path("message").asText(null),
                        error.path("error_data").path("details").asText(null))
                .filter(s -> s != null && !s.isBlank()).distinct().collect(Collectors.joining(": "));
        return Optional.of(new StatusReport(id, status.path("recipient_id").asText(null), kind.get(), at, code,
                reason.isEmpty() ? null : reason));
    }

    /** A Unix-seconds timestamp, which Meta sends as a string. */
    private static Instant seconds(JsonNode node) {
        try {
            return node.isMissingNode() || node.isNull() ? null : Instant.ofEpochSecond(Long.parseLong(node.asText()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A media id Meta no longer knows (media is kept for 30 days, or deleted sooner) is
     * {@link MediaUnavailable}: HTTP 404, or the Graph API's "object does not exist" (code 100,
     * subcode 33; its text also names "missing permissions", but a token that lost its permissions
     * fails every call, so for a media id from our own webhook it means the media is gone). A failed
     * download of the fresh URL stays retryable: the retry asks for a new URL.
     */
    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        String id = URLEncoder.encode(media.reference(), StandardCharsets.UTF_8);
        String token = connection.secrets().require(MetaGraph.ACCESS_TOKEN);
        PlatformHttp.Answer info = http.exchange(MetaGraph.request(graph + "/" + id, token).GET().build());
        if (!info.ok()) {
            MetaGraphError error = MetaGraphError.of(info);
            if (!error.retryable() && (info.status() == 404 || gone(error))) {
                throw new MediaUnavailable("WhatsApp no longer has this media (HTTP " + info.status() + ", Graph API "
                        + error.codeText() + "): expired or deleted");
            }
            if (!error.retryable() && PlatformHttp.permanentStatus(info.status())) {
                // Any other refusal (a permission, a token Meta invalidated): the same request gets the same answer.
                throw new MediaUnavailable("WhatsApp refused the media (HTTP " + info.status() + ", Graph API "
                        + error.codeText() + ": " + error.text() + ")");
            }
            throw new IOException("Graph API answered " + info.status() + " for media " + media.reference() + ": "
                    + error.text());
        }
        JsonNode json = MetaGraph.json(info).orElseThrow(() -> new IOException("media " + media.reference()
                + ": Graph API answer is not JSON"));
        String url = json.path("url").asText("");
        if (url.isEmpty()) {
            throw new IOException("media " + media.reference() + ": Graph API answer has no url");
        }
        // the token goes to the media URL's host only: PlatformHttp drops it if that redirects elsewhere
        PlatformHttp.Answer file = http.exchange(MetaGraph.request(url, token).GET().build());
        if (PlatformHttp.permanentStatus(file.status())) {
            throw new MediaUnavailable("the WhatsApp media link answered HTTP " + file.status() + ": expired or removed");
        }
        if (!file.ok()) {
            throw new IOException("media download of " + media.reference() + " answered " + file.status());
        }
        String contentType = json.hasNonNull("mime_type") ? json.path("mime_type").asText()
                : media.contentType() != null ? media.contentType() : file.contentType().orElse("application/octet-stream");
        return new MediaContent(file.body(), contentType, media.fileName());
    }

    /** Graph API "Unsupported get request. Object with ID ... does not exist": code 100, subcode 33. */
    private static boolean gone(MetaGraphError error) {
        return Integer.valueOf(100).equals(error.code()) && Integer.valueOf(33).equals(error.subcode());
    }
}
