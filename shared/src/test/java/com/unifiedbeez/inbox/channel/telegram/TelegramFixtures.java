package com.unifiedbeez.inbox.channel.telegram;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** A connected bot and the documented Update examples kept in events/webhooks/telegram. */
final class TelegramFixtures {
    static final String BOT_ID = "123456789";
    static final String TOKEN = BOT_ID + ":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    static final String WEBHOOK_SECRET = "Zq3-xv_9Lm0pR7tWk2";
    private static final Path EVENTS = Path.of("../events/webhooks/telegram");

    private TelegramFixtures() {
    }

    static ChannelConnection bot() {
        return bot("connected");
    }

    static ChannelConnection bot(String status) {
        return new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), Channel.TELEGRAM, BOT_ID, "Support bot",
                status, Json.mapper().createObjectNode(),
                new Secrets(Map.of("botToken", TOKEN, "webhookSecret", WEBHOOK_SECRET)));
    }

    static String update(String file) {
        try {
            return Files.readString(EVENTS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Config apiAt(String baseUrl) {
        return Config.of(Map.of(PlatformEndpoints.TELEGRAM_API_URL, baseUrl,
                PlatformEndpoints.WEBHOOK_BASE_URL, "https://inbox.example.com"));
    }

    /** A local port nobody listens on: the platform is down. */
    static String closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
