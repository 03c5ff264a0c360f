package com.unifiedbeez.inbox.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.MediaRules;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaGraphError;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the WhatsApp Cloud API: POST {graph}/{phone-number-id}/messages
 * (developers.facebook.com/documentation/business-messaging/whatsapp/messages/: text, image, video,
 * audio, document, sticker, location, template and interactive reply-button messages).
 *
 * <p>Media goes by {@code link} (our presigned GET): Meta fetches it, no upload step. One message
 * carries one medium, and so does one of ours: ChannelConstraints refuses a second WhatsApp
 * attachment at submission. Splitting several into consecutive requests would give one stored
 * message several wamids, and delivery statuses for all but one would match nothing, so a message
 * that still has more is rejected rather than half sent.
 */
@Singleton
public final class WhatsAppSender implements OutgoingSender {
    /**
     * WhatsApp's own throttling codes, answered with HTTP 400 but meaning "not now", on top of
     * Graph's (MetaGraphError.TRANSIENT_CODES, among them 4, app call rate): 80007 (WABA rate),
     * 130429 (throughput), 131048 (spam rate), 131056 (pair rate), 133016 (register/deregister
     * rate). Source: developers.facebook.com/documentation/business-messaging/whatsapp/support/
     * error-codes, "Throttling errors". The queue's backoff and its DLQ bound how long a lasting
     * limit (131048) is retried.
     */
    static final Set<Integer> THROTTLING = Set.of(80007, 130429, 131048, 131056, 133016);
    /** Media Meta shows with a caption; audio and stickers have none. */
    static final Set<MessageType> CAPTIONED = Set.of(MessageType.IMAGE, MessageType.VIDEO, MessageType.DOCUMENT);
    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppSender.class);

    private final PlatformHttp http;
    private final String graph;

    @Inject
    public WhatsAppSender(Config config, PlatformHttp http) {
        this.http = http;
        this.graph = PlatformEndpoints.graphApi(config);
    }

    @Override
    public Channel channel() {
        return Channel.WHATSAPP;
    }

    /** A message WhatsApp cannot carry as it stands; the send ends rejected with this reason. */
    public static final class Unsendable extends RuntimeException {
        Unsendable(String reason) {
            super(reason);
        }
    }

    /** The Graph API request body for {@code message}; pure. */
    public ObjectNode normalizeOutgoing(ChannelConnection connection, OutboundMessage message) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("recipient_type", "individual")
                .put("to", message.to().identifier());
        if (message.media().size() > 1) {
            throw new Unsendable("a WhatsApp message carries one attachment; this one has " + message.media().size());
        }
        if (!message.media().isEmpty()) {
            media(body, message.media().get(0), message.text());
            return body;
        }
        String text = message.text();
        switch (message.type()) {
            case TEXT -> {
                if (text == null || text.isBlank()) {
                    throw new Unsendable("a text message needs text");
                }
                body.put("type", "text").putObject("text").put("body", text).put("preview_url", false);
            }
            case LOCATION -> location(body, message.metadata().path("location"));
            case TEMPLATE -> template(body, message.metadata().path("template"));
            case INTERACTIVE -> interactive(body, text, message.metadata().path("interactive"));
            case IMAGE, VIDEO, AUDIO, DOCUMENT -> throw new Unsendable("a " + message.type().wireName()
                    + " message without its attachment");
            default -> throw new Unsendable("WhatsApp cannot send '" + message.type().wireName() + "' messages");
        }
        return body;
    }

    private static void media(ObjectNode body, OutboundMessage.Media media, String caption) {
        if (media.url() == null) {
            throw new Unsendable("the attachment has no URL WhatsApp could fetch");
        }
        // WhatsApp sends image/webp as a sticker; everything else by its MIME family
        MessageType kind = "image/webp".equalsIgnoreCase(media.contentType()) ? MessageType.STICKER
                : MediaRules.messageType(media.contentType());
        boolean hasCaption = caption != null && !caption.isBlank();
        if (hasCaption && !CAPTIONED.contains(kind)) {
            throw new Unsendable("WhatsApp shows no caption with " + kind.wireName()
                    + " messages; send the text separately");
        }
        // The Cloud API's media message types have our names: "image", "video", "audio", "document", "sticker".
        String type = kind.wireName();
        ObjectNode object = body.put("type", type).putObject(type).put("link", media.url());
        if (hasCaption) {
            object.put("caption", caption);
        }
        if (kind == MessageType.DOCUMENT && media.fileName() != null) {
            object.put("filename", media.fileName());
        }
    }

    private static void location(ObjectNode body, JsonNode location) {
        if (!location.path("latitude").isNumber() || !location.path("longitude").isNumber()) {
            throw new Unsendable("a location message needs metadata.location latitude and longitude");
        }
        ObjectNode out = body.put("type", "location").putObject("location");
        for (String field : List.of("latitude", "longitude", "name", "address")) {
            if (location.hasNonNull(field)) {
                out.set(field, location.get(field));
            }
        }
    }

    /**
     * Template with body parameters in placeholder order: positional {{1}} {{2}} sorted by number,
     * named placeholders with their parameter_name (Meta's named-parameter format). The params map
     * is what TemplateRenderer stored in metadata.template.params, in placeholder order.
     */
    private static void template(ObjectNode body, JsonNode template) {
        String name = template.path("name").asText("");
        String language = template.path("language").asText("");
        if (name.isEmpty() || language.isEmpty()) {
            throw new Unsendable("a template message needs metadata.template name and language");
        }
        ObjectNode out = body.put("type", "template").putObject("template").put("name", name);
        out.putObject("language").put("code", language);
        List<Map.Entry<String, JsonNode>> params = new ArrayList<>(template.path("params").properties());
        if (params.isEmpty()) {
            return;
        }
        boolean positional = params.stream().allMatch(p -> p.getKey().matches("\\d+"));
        if (positional) {
            params.sort(Comparator.comparingInt(p -> Integer.parseInt(p.getKey())));
        }
        ArrayNode parameters = out.putArray("components").addObject().put("type", "body").putArray("parameters");
        for (Map.Entry<String, JsonNode> param : params) {
            ObjectNode parameter = parameters.addObject().put("type", "text");
            if (!positional) {
                parameter.put("parameter_name", param.getKey());
            }
            parameter.put("text", param.getValue().asText());
        }
    }

    /** Reply buttons (at most 3, titles up to 20 characters: Meta checks and answers 131009). */
    private static void interactive(ObjectNode body, String text, JsonNode interactive) {
        JsonNode buttons = interactive.path("buttons");
        if (!buttons.isArray() || buttons.isEmpty() || text == null || text.isBlank()) {
            throw new Unsendable("an interactive message needs text and metadata.interactive.buttons");
        }
        ObjectNode out = body.put("type", "interactive").putObject("interactive").put("type", "button");
        out.putObject("body").put("text", text);
        ArrayNode replies = out.putObject("action").putArray("buttons");
        for (JsonNode button : buttons) {
            replies.addObject().put("type", "reply").putObject("reply")
                    .put("id", button.path("id").asText()).put("title", button.path("title").asText());
        }
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        String body;
        HttpRequest request;
        try {
            body = Json.write(normalizeOutgoing(connection, message));
            request = MetaGraph.request(graph + "/" + connection.externalId() + "/messages",
                            connection.secrets().require(MetaGraph.ACCESS_TOKEN))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (Unsendable | IllegalStateException e) {
            return new SendOutcome.Rejected("unsendable", e.getMessage());
        }
        PlatformHttp.Answer answer;
        try {
            answer = http.exchange(request);
        } catch (IOException e) {
            return new SendOutcome.Retry("Graph API not reached: " + e.getClass().getSimpleName(), null);
        }
        if (answer.ok()) {
            String id = MetaGraph.json(answer).map(j -> j.path("messages").path(0).path("id").asText("")).orElse("");
            if (id.isEmpty()) {
                // it may well have been sent: a retry could deliver it twice
                LOG.error("whatsapp send of {} answered {} without a message id", message.messageId(), answer.status());
                return new SendOutcome.Rejected("no-message-id", "WhatsApp accepted the request but returned no message id");
            }
            return new SendOutcome.Accepted(id);
        }
        MetaGraphError error = MetaGraphError.of(answer);
        if (error.retryable(THROTTLING)) {
            return error.retry(answer);
        }
        // by code alone, as WhatsApp's error tables and its failed statuses name them (131030, not 131030/2655007)
        return new SendOutcome.Rejected(error.code() == null ? error.codeText() : error.code().toString(), error.text());
    }
}
