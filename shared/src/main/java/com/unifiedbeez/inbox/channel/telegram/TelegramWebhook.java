package com.unifiedbeez.inbox.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telegram webhook deliveries: one Update per POST (core.telegram.org/bots/api#setwebhook). Our
 * setWebhook sets secret_token = "<bot id>_<webhookSecret>", which Telegram echoes in
 * X-Telegram-Bot-Api-Secret-Token, so the header names the bot and proves the sender.
 */
public final class TelegramWebhook implements WebhookAdapter {
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger(TelegramWebhook.class);

    @Inject
    public TelegramWebhook() {
    }

    @Override
    public Channel channel() {
        return Channel.TELEGRAM;
    }

    /** The secret_token we register for a bot; Telegram allows 1-256 characters of A-Z a-z 0-9 _ -. */
    public static String secretToken(String botId, String webhookSecret) {
        return botId + "_" + webhookSecret;
    }

    @Override
    public List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections) {
        String header = request.header(SECRET_HEADER)
                .orElseThrow(() -> WebhookRejected.badSignature(SECRET_HEADER + " is missing"));
        int split = header.indexOf('_');
        String botId = split > 0 ? header.substring(0, split) : "";
        if (botId.isEmpty() || !botId.chars().allMatch(Character::isDigit)) {
            throw WebhookRejected.badSignature(SECRET_HEADER + " does not name a bot");
        }
        Optional<ChannelConnection> found = connections.findLive(Channel.TELEGRAM, botId);
        if (found.isEmpty()) {
            // Refused as a wrong secret is: the answer must not tell which bots are connected here.
            throw WebhookRejected.badSignature("telegram update for bot " + botId + ", which is not connected");
        }
        ChannelConnection connection = found.get();
        String expected = connection.secrets().get("webhookSecret").orElse(null);
        if (expected == null || !MessageDigest.isEqual(header.substring(split + 1).getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            throw WebhookRejected.badSignature(SECRET_HEADER + " does not match bot " + botId);
        }
        JsonNode update = parse(request);
        Optional<String> chat = customer(update);
        if (chat.isEmpty()) {
            LOG.info("telegram update {} for {} ignored: kind {} is not stored", update.path("update_id").asText(),
                    connection, kind(update));
            return List.of();
        }
        return List.of(new WebhookUnit(connection, chat.get(), request.bodyText()));
    }

    /**
     * The chat an update belongs to, for the kinds we store (the allowed_updates we register):
     * message, edited_message and callback_query (its message's chat, or the user who pressed
     * an inline-mode button, whose private chat id equals their user id).
     */
    static Optional<String> customer(JsonNode update) {
        JsonNode chatId = update.has("message") ? update.path("message").path("chat").path("id")
                : update.has("edited_message") ? update.path("edited_message").path("chat").path("id")
                : update.has("callback_query") ? callbackChat(update.path("callback_query"))
                : null;
        return chatId == null || !chatId.isIntegralNumber() ? Optional.empty() : Optional.of(chatId.asText());
    }

    static JsonNode callbackChat(JsonNode query) {
        JsonNode chat = query.path("message").path("chat").path("id");
        return chat.isMissingNode() ? query.path("from").path("id") : chat;
    }

    private static String kind(JsonNode update) {
        var names = update.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return name;
            }
        }
        return "(none)";
    }

    private static JsonNode parse(WebhookRequest request) {
        try {
            JsonNode update = Json.mapper().readTree(request.body());
            if (update == null || !update.isObject() || !update.has("update_id")) {
                throw WebhookRejected.malformed("not a Telegram Update");
            }
            return update;
        } catch (IOException e) {
            throw WebhookRejected.malformed("not a Telegram Update: the body is not JSON");
        }
    }
}
