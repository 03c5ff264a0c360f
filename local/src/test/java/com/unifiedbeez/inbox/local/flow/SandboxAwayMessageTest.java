package com.unifiedbeez.inbox.local.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.RepoPaths;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.Eventually;
import com.unifiedbeez.inbox.local.testing.LocalApi;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's away message through the local runtime and its channel sandbox: the repository's
 * template.yaml, every function; an admin sets the demo organization's hours to none (closed around the
 * clock) and turns the away message on through the settings API; a WhatsApp customer writes through
 * the sandbox, and the Graph API stand-in receives the away message once,
 * however often the customer writes within the interval.
 */
class SandboxAwayMessageTest {
    static final String SECRET = "sandbox-away-message-test";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final String CUSTOMER = "447700900777";
    static final String AWAY = "Thanks for your message! We are closed right now and reply from 09:00.";
    /** Every day without ranges: closed whenever the test runs. */
    static final String CLOSED = """
            {"workingHours": {"timezone": "Europe/London", "holidays": [], "schedule": {"monday": [], "tuesday": [],
               "wednesday": [], "thursday": [], "friday": [], "saturday": [], "sunday": []}},
             "awayMessage": {"enabled": true, "text": "%s", "intervalMinutes": 240, "channels": {}}}""".formatted(AWAY);

    @TempDir
    Path data;

    @Test
    void aWhatsAppCustomerWritingWhenTheInboxIsClosedGetsTheAwayMessageOnce() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow(
                () -> new AssertionError("template.yaml not found from " + Path.of("").toAbsolutePath()));
        try (LocalInbox inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(template).withJwtSecret(SECRET).withCallbackDelayMs(20))) {
            Client client = new Client(inbox.baseUrl(), DevTokens.mint(SECRET, DemoSeed.SAM));
            // an admin closes the organization around the clock and turns the away message on
            Client ada = new Client(inbox.baseUrl(), DevTokens.mint(SECRET, DemoSeed.ADA));
            ada.call("PUT", "/api/inbox/settings/organization", JSON.readTree(CLOSED), true);

            client.call("POST", Sandbox.PREFIX + "/whatsapp/inbound", Map.of("from", CUSTOMER, "name", "Night Owl",
                    "text", "nightowlfirst: is anyone there?"), false);
            JsonNode awayCall = eventually("the away message at the Graph API stand-in", () -> {
                List<JsonNode> calls = client.awayCalls();
                return calls.isEmpty() ? Optional.empty() : Optional.of(calls.get(0));
            });
            assertThat(awayCall.toString()).contains(CUSTOMER);

            // the conversation shows it as the inbox's own message, delivered and read as the sandbox reports
            String conversation = eventually("the customer's message through the API", () -> {
                JsonNode items = client.call("GET", "/api/inbox/messages/search?q=nightowlfirst", null, true).path("items");
                return items.isEmpty() ? Optional.empty()
                        : Optional.of(items.get(0).path("message").path("conversationId").asText());
            });
            JsonNode away = eventually("the away message read", () -> {
                for (JsonNode m : client.call("GET", "/api/inbox/messages/" + conversation, null, true).path("items")) {
                    if (m.path("senderType").asText().equals("system") && m.path("status").asText().equals("read")) {
                        return Optional.of(m);
                    }
                }
                return Optional.empty();
            });
            assertThat(away.path("content").asText()).isEqualTo(AWAY);
            assertThat(away.path("direction").asText()).isEqualTo("outbound");
            assertThat(away.path("senderUserId").isNull()).isTrue();
            assertThat(away.path("metadata").path("automatic").asText()).isEqualTo("away");

            // within the interval the customer writes again: stored, and no second away message
            client.call("POST", Sandbox.PREFIX + "/whatsapp/inbound", Map.of("from", CUSTOMER, "name", "Night Owl",
                    "text", "nightowlsecond: hello?"), false);
            eventually("the second message through the API", () -> {
                JsonNode items = client.call("GET", "/api/inbox/messages/search?q=nightowlsecond", null, true).path("items");
                for (JsonNode hit : items) {
                    if (hit.path("message").path("conversationId").asText().equals(conversation)) {
                        return Optional.of(hit);
                    }
                }
                return Optional.empty();
            });
            // the away decision is made in the transaction that stored the message: visible now, or never
            List<String> outbound = new ArrayList<>();
            for (JsonNode m : client.call("GET", "/api/inbox/messages/" + conversation, null, true).path("items")) {
                if (m.path("direction").asText().equals("outbound")) {
                    outbound.add(m.path("senderType").asText() + ": " + m.path("content").asText());
                }
            }
            assertThat(outbound).containsExactly("system: " + AWAY);
            assertThat(client.awayCalls()).hasSize(1);
        }
    }

    /** The API and the sandbox over HTTP, as a person with curl. */
    record Client(String base, String token) {
        JsonNode call(String method, String path, Object body, boolean withToken) throws Exception {
            return new LocalApi(base, token).call(method, path, body, withToken);
        }

        /** What we sent to the Graph API's stand-in that carries the away message. */
        List<JsonNode> awayCalls() throws Exception {
            List<JsonNode> calls = new ArrayList<>();
            for (JsonNode call : call("GET", Sandbox.PREFIX + "/whatsapp/outbox", null, false).path("items")) {
                if (call.toString().contains(AWAY)) {
                    calls.add(call);
                }
            }
            return calls;
        }
    }

    static <T> T eventually(String what, Callable<Optional<T>> probe) throws Exception {
        return Eventually.within(PATIENCE, what, probe);
    }
}
