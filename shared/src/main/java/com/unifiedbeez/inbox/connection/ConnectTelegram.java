package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST .../channels/telegram: a bot by its BotFather token, "{bot id}:{secret}". We generate the
 * webhook secret that setWebhook registers as secret_token; Telegram then sends it back in
 * X-Telegram-Bot-Api-Secret-Token (1-256 characters of A-Z, a-z, 0-9, _ and -:
 * https://core.telegram.org/bots/api#setwebhook).
 */
public record ConnectTelegram(String botToken, String name) implements ConnectRequest {
    /** The bot id, then the secret part (35 characters in the tokens BotFather issues today). */
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,20}):[A-Za-z0-9_-]{30,}");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SECRET_LENGTH = 48;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public NewConnection validated() {
        Validation v = new Validation();
        String token = ConnectFields.secret(v, "botToken", botToken);
        Matcher shape = token == null ? null : TOKEN.matcher(token);
        if (shape != null && !shape.matches()) {
            v.add("botToken", "must be a bot token as BotFather gives it: <bot id>:<secret>");
        }
        String botId = shape != null && shape.matches() ? shape.group(1) : null;
        String label = ConnectFields.name(v, name, "Telegram bot " + botId);
        v.throwIfInvalid();
        return new NewConnection(Channel.TELEGRAM, botId, label, Json.mapper().createObjectNode(),
                new Secrets(Map.of("botToken", token, "webhookSecret", webhookSecret())));
    }

    static String webhookSecret() {
        StringBuilder secret = new StringBuilder(SECRET_LENGTH);
        for (int i = 0; i < SECRET_LENGTH; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    /** Never the secret: a logged request must not leak it. */
    @Override
    public String toString() {
        return "ConnectTelegram[botToken redacted]";
    }
}
