package com.unifiedbeez.inbox.local.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8's claim check in the local runtime, wired from the repository's template.yaml (the
 * webhook functions' INBOX_MEDIA_BUCKET resolved from !Ref MediaBucket): a WhatsApp delivery of
 * over 256 KiB is answered 200, queued through the bucket and stored whole by the normalizer.
 */
class LargeWebhookLocalTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path data;

    @Test
    void aWebhookOverTheQueueLimitIsAcceptedAndStoredWhole() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow();
        String text = "claimcheckword " + "The parcel arrived damaged, again and again. ".repeat(7000);
        assertThat(text.length()).isGreaterThan(300 * 1024);
        try (LocalInbox inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(template).withJwtSecret("large-webhook-local-test").withCallbackDelayMs(20))) {
            HttpResponse<String> fired = HTTP.send(HttpRequest.newBuilder(
                            URI.create(inbox.baseUrl() + Sandbox.PREFIX + "/whatsapp/inbound"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("from", "447700900991", "name", "Long Writer", "text", text))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fired.statusCode()).as(fired.body()).isBetween(200, 299);
            JsonNode webhook = JSON.readTree(fired.body()).path("webhook");
            assertThat(webhook.path("status").asInt()).as("our webhook's answer: " + webhook).isEqualTo(200);

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            int stored = -1;
            while (stored < 0 && System.nanoTime() < deadline) {
                stored = storedLength(inbox);
                if (stored < 0) {
                    Thread.sleep(200);
                }
            }
            assertThat(stored).as("the message's stored length").isEqualTo(text.length());
        }
    }

    /** The stored text's length, or -1 while the message is not there. */
    private static int storedLength(LocalInbox inbox) throws Exception {
        try (Connection c = inbox.database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT length(content) FROM messages WHERE content LIKE 'claimcheckword %'")) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getInt(1) : -1;
            }
        }
    }
}
