package com.unifiedbeez.inbox.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram Updates (core.telegram.org/bots/api#update) in the unified format. Message ids are
 * unique per chat only, so our external id is "<chat id>:<message id>".
 */
public final class TelegramInbound implements IncomingNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(TelegramInbound.class);

    private final BotApi api;

    @Inject
    public TelegramInbound(Config config, PlatformHttp http) {
        this.api = new BotApi(http, PlatformEndpoints.telegramApi(config));
    }

    @Override
    public Channel channel() {
        return Channel.TELEGRAM;
    }

    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        JsonNode update;
        try {
            update = Json.mapper().readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a Telegram Update: the payload is not JSON");
        }
        if (update == null || !update.has("update_id")) {
            throw new IllegalArgumentException("not a Telegram Update: no update_id");
        }
        if (update.has("message")) {
            return message(update.path("message")).map(List::<InboundEvent>of).orElseGet(List::of);
        }
        if (update.has("edited_message")) {
            JsonNode edited = update.path("edited_message");
            return List.of(new MessageEdit(messageId(edited), customer(edited.path("chat"), edited.path("from")),
                    textOf(edited), seconds(edited.has("edit_date") ? edited.path("edit_date") : edited.path("date"))));
        }
        if (update.has("callback_query")) {
            JsonNode query = update.path("callback_query");
            acknowledge(connection, query.path("id").asText());
            return List.of(callback(query));
        }
        LOG.info("telegram update {} skipped: not a kind we store", update.path("update_id").asText());
        return List.of();
    }

    private Optional<InboundEvent> message(JsonNode message) {
        Content content = content(message);
        if (content == null) {
            LOG.info("telegram message {} skipped: no content we store (service message or new kind)", messageId(message));
            return Optional.empty();
        }
        JsonNode reply = message.path("reply_to_message").path("message_id");
        String replyTo = reply.isIntegralNumber() ? chatId(message) + ":" + reply.asText() : null;
        return Optional.of(new InboundMessage(messageId(message), customer(message.path("chat"), message.path("from")),
                seconds(message.path("date")), content.type, textOf(message), content.metadata, content.media, replyTo, List.of()));
    }

    private record Content(MessageType type, ObjectNode metadata, List<InboundMedia> media) {
    }

    /** The message's kind: Message fields text, photo, video, audio, voice, document, sticker, location, contact. */
    private static Content content(JsonNode m) {
        ObjectNode metadata = Json.mapper().createObjectNode();
        if (m.has("photo") && m.path("photo").size() > 0) {
            // PhotoSize array: "available sizes of the photo"; the largest is the one worth keeping.
            JsonNode largest = null;
            for (JsonNode size : m.path("photo")) {
                if (largest == null || area(size) > area(largest)) {
                    largest = size;
                }
            }
            // Telegram serves photos as JPEG (file_path "photos/file_N.jpg").
            return new Content(MessageType.IMAGE, metadata, List.of(media(largest, "image/jpeg", null)));
        }
        if (m.has("video")) {
            return new Content(MessageType.VIDEO, metadata, List.of(file(m.path("video"))));
        }
        if (m.has("audio")) {
            JsonNode audio = m.path("audio");
            putIfPresent(metadata, "title", audio.path("title"));
            putIfPresent(metadata, "performer", audio.path("performer"));
            return new Content(MessageType.AUDIO, metadata, List.of(file(audio)));
        }
        if (m.has("voice")) {
            metadata.put("voice", true);
            return new Content(MessageType.AUDIO, metadata, List.of(file(m.path("voice"))));
        }
        if (m.has("document")) {
            return new Content(MessageType.DOCUMENT, metadata, List.of(file(m.path("document"))));
        }
        if (m.has("sticker")) {
            JsonNode sticker = m.path("sticker");
            putIfPresent(metadata, "emoji", sticker.path("emoji"));
            // Sticker: is_animated = .TGS, is_video = .WEBM, else a .WEBP image.
            String type = sticker.path("is_animated").asBoolean() ? "application/x-tgsticker"
                    : sticker.path("is_video").asBoolean() ? "video/webm" : "image/webp";
            return new Content(MessageType.STICKER, metadata, List.of(media(sticker, type, null)));
        }
        if (m.has("location")) {
            JsonNode location = m.path("location");
            ObjectNode node = metadata.putObject("location");
            node.put("latitude", location.path("latitude").asDouble());
            node.put("longitude", location.path("longitude").asDouble());
            JsonNode venue = m.path("venue");
            putIfPresent(node, "name", venue.path("title"));
            putIfPresent(node, "address", venue.path("address"));
            return new Content(MessageType.LOCATION, metadata, List.of());
        }
        if (m.has("contact")) {
            JsonNode contact = m.path("contact");
            ObjectNode node = metadata.putObject("contact");
            putIfPresent(node, "phoneNumber", contact.path("phone_number"));
            putIfPresent(node, "firstName", contact.path("first_name"));
            putIfPresent(node, "lastName", contact.path("last_name"));
            putIfPresent(node, "userId", contact.path("user_id"));
            return new Content(MessageType.CONTACTS, metadata, List.of());
        }
        if (m.has("text")) {
            return new Content(MessageType.TEXT, metadata, List.of());
        }
        return null;
    }

    /**
     * A press on an inline-keyboard button (CallbackQuery): stored as an interactive reply whose
     * text is the button's callback_data. CallbackQuery carries no date, so sentAt is when we
     * normalize it (the queue delivers within seconds).
     */
    private static InboundMessage callback(JsonNode query) {
        JsonNode message = query.path("message");
        ObjectNode metadata = Json.mapper().createObjectNode();
        ObjectNode interactive = metadata.putObject("interactive");
        interactive.put("callbackQueryId", query.path("id").asText());
        putIfPresent(interactive, "data", query.path("data"));
        putIfPresent(interactive, "inlineMessageId", query.path("inline_message_id"));
        String replyTo = message.has("message_id") ? messageId(message) : null;
        JsonNode chat = message.has("chat") ? message.path("chat") : query.path("from");
        return new InboundMessage("cbq:" + query.path("id").asText(), customer(chat, query.path("from")), Instant.now(),
                MessageType.INTERACTIVE, query.path("data").isTextual() ? query.path("data").asText() : null, metadata,
                List.of(), replyTo, List.of());
    }

    /**
     * answerCallbackQuery (core.telegram.org/bots/api#callbackquery): "Telegram clients will display
     * a progress bar until you call answerCallbackQuery", so we answer every press, showing nothing.
     * Best effort: the press is stored whether or not the answer is taken (a late answer is refused
     * with 400 "query is too old"). A retried record answers again, which is harmless: the spinner
     * is already gone and Telegram just refuses the repeat.
     */
    private void acknowledge(ChannelConnection connection, String queryId) {
        String token;
        try {
            token = BotApi.token(connection);
        } catch (IllegalStateException e) { // names no token
            LOG.warn("telegram answerCallbackQuery {} for {} not sent: {}", queryId, connection, e.getMessage());
            return;
        }
        try {
            BotApi.Reply reply = api.call(token, "answerCallbackQuery",
                    Json.mapper().createObjectNode().put("callback_query_id", queryId));
            if (!reply.ok()) {
                LOG.warn("telegram answerCallbackQuery {} for {} refused: {} {}", queryId, connection, reply.errorCode(),
                        reply.description());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("telegram answerCallbackQuery {} for {} failed: {} {}", queryId, connection,
                    e.getClass().getSimpleName(), BotApi.redact(e.getMessage(), token));
        }
    }

    /**
     * The customer is the chat we reply to (its id); the name comes from the chat (private chat:
     * the user's names; group: its title), else from the sender. Telegram gives no phone number.
     */
    private static Customer customer(JsonNode chat, JsonNode from) {
        String name = name(chat);
        return new Customer(chat.path("id").asText(), name != null ? name : name(from), null, null);
    }

    private static String name(JsonNode who) {
        String full = (who.path("first_name").asText("") + " " + who.path("last_name").asText("")).trim();
        if (!full.isEmpty()) {
            return full;
        }
        if (who.hasNonNull("username")) {
            return who.path("username").asText();
        }
        return who.hasNonNull("title") ? who.path("title").asText() : null;
    }

    private static String textOf(JsonNode message) {
        JsonNode text = message.has("text") ? message.path("text") : message.path("caption");
        return text.isTextual() ? text.asText() : null;
    }

    private static String chatId(JsonNode message) {
        return message.path("chat").path("id").asText();
    }

    private static String messageId(JsonNode message) {
        return chatId(message) + ":" + message.path("message_id").asText();
    }

    private static Instant seconds(JsonNode unix) {
        return Instant.ofEpochSecond(unix.asLong());
    }

    private static long area(JsonNode size) {
        return size.path("width").asLong() * size.path("height").asLong();
    }

    private static InboundMedia file(JsonNode file) {
        return media(file, file.hasNonNull("mime_type") ? file.path("mime_type").asText() : null,
                file.hasNonNull("file_name") ? file.path("file_name").asText() : null);
    }

    private static InboundMedia media(JsonNode file, String contentType, String fileName) {
        JsonNode size = file.path("file_size");
        return new InboundMedia(file.path("file_id").asText(), contentType, fileName,
                size.isIntegralNumber() ? size.asLong() : null);
    }

    private static void putIfPresent(ObjectNode target, String name, JsonNode value) {
        if (value != null && !value.isMissingNode() && !value.isNull()) {
            target.set(name, value);
        }
    }

    /**
     * getFile (core.telegram.org/bots/api#getfile) then the download link it describes. The link is
     * valid for an hour and files over 20 MB are refused by getFile.
     */
    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        String token = BotApi.token(connection);
        ObjectNode body = Json.mapper().createObjectNode().put("file_id", media.reference());
        BotApi.Reply reply = api.call(token, "getFile", body);
        if (!reply.ok() && reply.description().toLowerCase(Locale.ROOT).contains("file is too big")) {
            // "For the moment, bots can download files of up to 20MB in size" (core.telegram.org/bots/api#getfile)
            throw new MediaUnavailable("Telegram lets bots download files of up to 20 MB only (getFile: "
                    + reply.description() + ")");
        }
        if (!reply.ok() && PlatformHttp.permanentStatus(reply.errorCode())) {
            // "Bad Request: invalid file_id", "wrong file_id or the file is temporarily unavailable" (a
            // file_id of another bot): the same getFile gets the same answer, whenever it is asked.
            throw new MediaUnavailable("Telegram refused the file (getFile: " + reply.errorCode() + " "
                    + reply.description() + ")");
        }
        if (!reply.ok() || !reply.result().hasNonNull("file_path")) {
            throw new IOException("Telegram getFile failed: " + (reply.ok() ? "no file_path" : reply.errorCode() + " " + reply.description()));
        }
        String filePath = reply.result().path("file_path").asText();
        PlatformHttp.Answer answer = api.download(token, filePath);
        String fileName = media.fileName() != null ? media.fileName() : filePath.substring(filePath.lastIndexOf('/') + 1);
        String contentType = media.contentType() != null ? media.contentType()
                : URLConnection.guessContentTypeFromName(fileName) != null ? URLConnection.guessContentTypeFromName(fileName)
                : answer.contentType().orElse("application/octet-stream");
        return new MediaContent(answer.body(), contentType, fileName);
    }
}
