package com.unifiedbeez.inbox.channel.meta;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;

/** The documented payloads kept in events/webhooks/{messenger,instagram}/, and what adapter tests build around them. */
public final class MetaSamples {
    public static final String APP_SECRET = "test-app-secret";
    public static final String VERIFY_TOKEN = "verify-me-please";
    public static final String PAGE_TOKEN = "EAAG-page-token-for-tests";

    private MetaSamples() {
    }

    /** A sample file's bytes, exactly as stored (signatures are computed over them). */
    public static byte[] bytes(String channel, String file) {
        Path relative = Path.of("events", "webhooks", channel, file);
        Path path = Files.exists(relative) ? relative : Path.of("..").resolve(relative);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String channel, String file) {
        return new String(bytes(channel, file), StandardCharsets.UTF_8);
    }

    public static Config config(String graphUrl) {
        return Config.of(Map.of(
                PlatformEndpoints.META_APP_SECRET, APP_SECRET,
                PlatformEndpoints.META_VERIFY_TOKEN, VERIFY_TOKEN,
                PlatformEndpoints.GRAPH_API_URL, graphUrl));
    }

    public static ChannelConnection connection(Channel channel, String externalId, String configJson) {
        try {
            return new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), channel, externalId,
                    channel.wireName() + " " + externalId, "connected", Json.mapper().readTree(configJson),
                    new Secrets(Map.of("accessToken", PAGE_TOKEN)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Graph API answer. */
    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    /** An attachment of a stored send, as the sender gets it (a presigned URL of the media bucket). */
    public static OutboundMessage.Media media(String url, String contentType) {
        return new OutboundMessage.Media(url, "org/key", contentType, null, 1000);
    }

    /** A POST as Meta sends it, signed with {@code signature} (null: no header). */
    public static WebhookRequest post(byte[] body, String signature) {
        Map<String, String> headers = signature == null
                ? Map.of("content-type", "application/json")
                : Map.of("content-type", "application/json", "x-hub-signature-256", signature);
        return new WebhookRequest("POST", "https://api.example.test/api/webhooks/meta", headers, Map.of(), body);
    }
}
