package com.unifiedbeez.inbox.local.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.Eventually;
import com.unifiedbeez.inbox.local.testing.LocalApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 4's "Done when", automated: the whole local runtime (the repository's template.yaml, every
 * function, PostgreSQL, SQS, S3, the channel sandbox and its mail server) started once; on each of
 * the six channels a customer writes through the sandbox, the message shows up through the API, an
 * agent replies through the API, and the reply reaches the sandbox's stand-in of the platform and
 * ends in the status the platform reports: read where the platform has read receipts (WhatsApp,
 * Messenger, Instagram), delivered for SMS, sent for Telegram (no receipts) and email.
 */
class SandboxConversationFlowTest {
    static final String SECRET = "sandbox-conversation-flow-test";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    static Path data;
    static LocalInbox inbox;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow(
                () -> new AssertionError("template.yaml not found from " + Path.of("").toAbsolutePath()));
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(template).withJwtSecret(SECRET).withCallbackDelayMs(20));
        token = DevTokens.mint(SECRET, DemoSeed.SAM);
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    static JsonNode call(String method, String path, Object body, boolean withToken) throws Exception {
        return new LocalApi(inbox.baseUrl(), token).call(method, path, body, withToken);
    }

    /** Asks again until {@code probe} has an answer; fails after {@link #PATIENCE} with {@code what}. */
    static <T> T eventually(String what, Callable<Optional<T>> probe) throws Exception {
        return Eventually.within(PATIENCE, what, probe);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "whatsapp,  447700900123,              read",
            "messenger, 7001002003004005,          read",
            "instagram, 8001002003004005,          read",
            "sms,       +447700900456,             delivered",
            "telegram,  424242421,                 sent",
            "email,     dana.flow@customer.test,   sent"})
    void aCustomerWritesAnAgentRepliesAndThePlatformReports(String channel, String from, String finalStatus)
            throws Exception {
        String word = "flowcheck" + channel;
        JsonNode fired = call("POST", Sandbox.PREFIX + "/" + channel + "/inbound", Map.of("from", from,
                "name", "Flow Customer", "text", "Hello from " + word + ", where is my order?",
                "subject", "Order question " + word), false);
        if (channel.equals("email")) {
            // the poller runs every minute; a test does not wait for the minute
            inbox.events().fire("EmailPollerFunction", "EveryMinute");
        } else {
            assertThat(fired.path("webhook").path("status").asInt()).as("our webhook's answer").isEqualTo(200);
        }

        // the customer's message becomes visible through the API
        JsonNode hit = eventually(channel + " message visible through the search API", () -> {
            JsonNode items = call("GET", "/api/inbox/messages/search?q=" + word, null, true).path("items");
            return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
        });
        assertThat(hit.path("channel").asText()).isEqualTo(channel);
        JsonNode received = hit.path("message");
        assertThat(received.path("direction").asText()).isEqualTo("inbound");
        assertThat(received.path("content").asText()).isEqualTo("Hello from " + word + ", where is my order?");
        String conversation = received.path("conversationId").asText();

        // an agent replies
        String reply = "Your order ships today (" + channel + ")";
        JsonNode sent = call("POST", "/api/inbox/messages/send", Map.of("conversationId", conversation,
                "content", reply), true);
        String messageId = sent.path("id").asText();
        assertThat(sent.path("status").asText()).isEqualTo("queued");

        // ... and it ends as the platform reports
        JsonNode done = eventually(channel + " reply reaching '" + finalStatus + "'", () -> {
            for (JsonNode m : call("GET", "/api/inbox/messages/" + conversation, null, true).path("items")) {
                if (m.path("id").asText().equals(messageId) && m.path("status").asText().equals(finalStatus)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        });
        assertThat(done.path("direction").asText()).isEqualTo("outbound");
        assertThat(done.path("sentAt").isNull()).as("sentAt").isFalse();
        assertThat(done.path("errorCode").isNull()).as("errorCode").isTrue();
        if (finalStatus.equals("read") || finalStatus.equals("delivered")) {
            assertThat(done.path("deliveredAt").isNull()).as("deliveredAt").isFalse();
        }
        if (finalStatus.equals("read")) {
            assertThat(done.path("readAt").isNull()).as("readAt").isFalse();
        }

        // the sandbox's stand-in of the platform has our request
        JsonNode outbox = call("GET", Sandbox.PREFIX + "/" + channel + "/outbox", null, false).path("items");
        if (channel.equals("email")) {
            assertThat(outbox.toString()).contains(messageId + "@").contains("Re: Order question " + word)
                    .contains(fired.path("email").path("messageId").asText());
        } else {
            assertThat(outbox.toString()).contains(reply);
        }
    }
}
