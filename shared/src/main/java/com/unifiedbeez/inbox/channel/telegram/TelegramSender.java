package com.unifiedbeez.inbox.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Sends with the Bot API: sendMessage (with an inline keyboard for interactive messages),
 * sendPhoto/sendVideo/sendAudio/sendDocument for one attachment, sendMediaGroup for several,
 * sendLocation. Files are uploaded as multipart/form-data, not passed by URL: by URL Telegram
 * takes 5 MB photos / 20 MB other files and sendDocument only GIF, PDF and ZIP, while uploads take
 * 10 MB / 50 MB of any type, the limits MediaRules allows (core.telegram.org/bots/api#sending-files).
 */
public final class TelegramSender implements OutgoingSender {
    /**
     * One Bot API call: the method, its parameters and the files to upload with them. Without
     * files the parameters go as JSON; with files each parameter is a form field (objects and
     * arrays JSON-serialized, as the Bot API asks for reply_markup and media) and each file a part.
     */
    public record BotCall(String method, ObjectNode body, List<FilePart> files) {
        public BotCall {
            files = List.copyOf(files);
        }

        public BotCall(String method, ObjectNode body) {
            this(method, body, List.of());
        }
    }

    /** A file part: the form field it goes in, the media-bucket object it is read from, how it is labelled. */
    public record FilePart(String field, String storageKey, String fileName, String contentType) {
    }

    private final BotApi api;
    private final MediaStorage storage;

    @Inject
    public TelegramSender(Config config, PlatformHttp http, MediaStorage storage) {
        this.api = new BotApi(http, PlatformEndpoints.telegramApi(config));
        this.storage = storage;
    }

    @Override
    public Channel channel() {
        return Channel.TELEGRAM;
    }

    /**
     * The Bot API request for a message. Several attachments become one sendMediaGroup rather than
     * consecutive calls: one call is all-or-nothing, so a retry after a 429 never repeats a file
     * the customer already has. An album mixes only photos and videos; audio groups only with
     * audio and documents with documents (sendMediaGroup), so any other mix goes as documents.
     */
    public static BotCall normalizeOutgoing(OutboundMessage message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("chat_id", message.to().identifier());
        if (message.type() == MessageType.LOCATION) {
            JsonNode location = message.metadata().path("location");
            body.put("latitude", location.path("latitude").asDouble());
            body.put("longitude", location.path("longitude").asDouble());
            return new BotCall("sendLocation", body);
        }
        List<Media> media = message.media();
        if (media.size() > 1) {
            return album(body, media, message.text());
        }
        if (media.size() == 1) {
            // The file itself is the method's parameter of its kind: sendPhoto's "photo", ...
            String kind = kind(media.get(0));
            if (message.text() != null) {
                body.put("caption", message.text());
            }
            keyboard(message).ifPresent(k -> body.set("reply_markup", k));
            return new BotCall("send" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1), body,
                    List.of(part(kind, media.get(0))));
        }
        body.put("text", message.text() == null ? "" : message.text());
        keyboard(message).ifPresent(k -> body.set("reply_markup", k));
        return new BotCall("sendMessage", body);
    }

    /**
     * sendMediaGroup's media: InputMedia items whose "media" is "attach://<name>", the name of the
     * form part holding the file (core.telegram.org/bots/api#sendmediagroup, #inputmediadocument).
     */
    private static BotCall album(ObjectNode body, List<Media> media, String caption) {
        List<String> kinds = media.stream().map(TelegramSender::kind).toList();
        boolean visual = kinds.stream().allMatch(k -> k.equals("photo") || k.equals("video"));
        boolean audio = kinds.stream().allMatch(k -> k.equals("audio"));
        ArrayNode items = body.putArray("media");
        List<FilePart> files = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            String field = "file" + i;
            ObjectNode item = items.addObject();
            item.put("type", visual || audio ? kinds.get(i) : "document");
            item.put("media", "attach://" + field);
            if (i == 0 && caption != null) {
                item.put("caption", caption); // shown as the album's caption
            }
            files.add(part(field, media.get(i)));
        }
        return new BotCall("sendMediaGroup", body, files);
    }

    /** Without a stored name the key's last segment names the file; Telegram shows it on documents. */
    private static FilePart part(String field, Media media) {
        String key = media.storageKey();
        String fileName = media.fileName() != null && !media.fileName().isBlank() ? media.fileName()
                : key == null ? "file" : key.substring(key.lastIndexOf('/') + 1);
        return new FilePart(field, key, fileName,
                media.contentType() == null ? "application/octet-stream" : media.contentType());
    }

    /**
     * Which send method fits a file: photos as photo; MPEG-4 video as video ("other formats may be
     * sent as Document"); MP3/M4A as audio ("must be in the .MP3 or .M4A format"); all else document.
     */
    static String kind(Media media) {
        String type = media.contentType() == null ? "" : media.contentType().toLowerCase(Locale.ROOT);
        if (type.equals("image/jpeg") || type.equals("image/png") || type.equals("image/webp")) {
            return "photo";
        }
        if (type.equals("video/mp4")) {
            return "video";
        }
        if (type.equals("audio/mpeg") || type.equals("audio/mp4") || type.equals("audio/x-m4a")) {
            return "audio";
        }
        return "document";
    }

    /** metadata.interactive.buttons [{id, title}] as an InlineKeyboardMarkup, one button per row. */
    private static Optional<ObjectNode> keyboard(OutboundMessage message) {
        JsonNode buttons = message.metadata().path("interactive").path("buttons");
        if (!buttons.isArray() || buttons.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode markup = Json.mapper().createObjectNode();
        ArrayNode rows = markup.putArray("inline_keyboard");
        for (JsonNode button : buttons) {
            rows.addArray().addObject()
                    .put("text", button.path("title").asText())
                    .put("callback_data", button.path("id").asText());
        }
        return Optional.of(markup);
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        String token;
        try {
            token = BotApi.token(connection);
        } catch (IllegalStateException e) {
            return new SendOutcome.Rejected("invalid-credentials", e.getMessage());
        }
        BotCall call = normalizeOutgoing(message);
        MultipartForm form = null;
        if (!call.files().isEmpty()) {
            if (call.files().stream().anyMatch(f -> f.storageKey() == null)) {
                return new SendOutcome.Rejected("media-missing", "an attachment has no stored file");
            }
            try {
                form = form(call);
            } catch (RuntimeException e) { // an attachment not readable from the bucket now
                return new SendOutcome.Retry("attachment unavailable: " + e.getMessage(), null);
            }
        }
        BotApi.Reply reply;
        try {
            reply = form == null ? api.call(token, call.method(), call.body()) : api.upload(token, call.method(), form);
        } catch (IOException e) {
            return new SendOutcome.Retry(e.getMessage(), null);
        }
        if (reply.ok()) {
            // sendMediaGroup answers an array of Messages; the first stands for the album.
            JsonNode sent = reply.result().isArray() ? reply.result().path(0) : reply.result();
            return new SendOutcome.Accepted(sent.path("chat").path("id").asText() + ":" + sent.path("message_id").asText());
        }
        return reply.transientFailure()
                ? new SendOutcome.Retry(call.method() + ": " + reply.errorCode() + " " + reply.description(), reply.retryAfter())
                : new SendOutcome.Rejected(String.valueOf(reply.errorCode()), reply.description());
    }

    /** The call as a form: its parameters as fields, then its files, read from the media bucket. */
    private MultipartForm form(BotCall call) {
        MultipartForm form = new MultipartForm();
        for (Iterator<Map.Entry<String, JsonNode>> fields = call.body().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            form.field(field.getKey(), value.isContainerNode() ? Json.write(value) : value.asText());
        }
        for (FilePart file : call.files()) {
            form.file(file.field(), file.fileName(), file.contentType(), storage.get(file.storageKey()));
        }
        return form;
    }
}
