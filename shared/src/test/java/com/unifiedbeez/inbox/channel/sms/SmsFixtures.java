package com.unifiedbeez.inbox.channel.sms;

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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A connected Twilio number and the documented webhook bodies kept in events/webhooks/sms. */
final class SmsFixtures {
    static final String ACCOUNT_SID = "ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX";
    static final String AUTH_TOKEN = "f2c7d9e0a1b34c5d6e7f8091a2b3c4d5";
    static final String OUR_NUMBER = "+14155550100";
    static final String CUSTOMER = "+15558675310";
    static final String WEBHOOK_URL = "https://inbox.example.com/api/webhooks/sms";
    private static final Path EVENTS = Path.of("../events/webhooks/sms");

    private SmsFixtures() {
    }

    static ChannelConnection number() {
        return number(OUR_NUMBER);
    }

    static ChannelConnection number(String externalId) {
        return new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), Channel.SMS, externalId, "Support line",
                "connected", Json.mapper().createObjectNode().put("accountSid", ACCOUNT_SID),
                new Secrets(Map.of("authToken", AUTH_TOKEN)));
    }

    static String body(String file) {
        try {
            return Files.readString(EVENTS.resolve(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Config apiAt(String baseUrl, boolean withWebhookBase) {
        Map<String, String> values = new HashMap<>(Map.of(PlatformEndpoints.TWILIO_API_URL, baseUrl));
        if (withWebhookBase) {
            values.put(PlatformEndpoints.WEBHOOK_BASE_URL, "https://inbox.example.com");
        }
        return Config.of(values);
    }

    static String closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
