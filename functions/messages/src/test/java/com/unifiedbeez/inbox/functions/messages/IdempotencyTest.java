package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Idempotency-Key replays the first answer for the same request only, saying so with
 * {@code Idempotent-Replayed: true}; the key reused for another message is refused.
 */
class IdempotencyTest {
    private static final String BASE = "/api/inbox/messages";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private UUID org;
    private Caller sam;
    private UUID first;
    private UUID second;
    private UUID template;

    /** The handler's full answer, headers included. */
    private record Answer(int status, java.util.Map<String, String> headers, JsonNode json) {
        String replayed() {
            return headers == null ? null : headers.get("idempotent-replayed");
        }
    }

    private static Answer call(HttpEvents request) {
        APIGatewayV2HTTPResponse response = MessagesHarness.handler().handleRequest(request.build(), null);
        try {
            return new Answer(response.getStatusCode(), response.getHeaders(),
                    response.getBody() == null ? null : Json.mapper().readTree(response.getBody()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam", Role.AGENT);
        fx.channelConnection(org, "whatsapp");
        first = conversation("Alice");
        second = conversation("Bob");
        template = Ids.newId();
        fx.exec("INSERT INTO templates (id, organization_id, type, name, content, language, approval_status)"
                + " VALUES (?, ?, 'whatsapp', 'order_update', 'Hi {{1}}, your order {{2}} shipped.', 'en_GB', 'approved')", template, org);
        drainQueue();
    }

    private UUID conversation(String name) {
        UUID contact = fx.contact(org, name, "whatsapp", "44" + UUID.randomUUID());
        UUID id = fx.conversation(org, contact, "whatsapp", ConversationSpec.open(now));
        fx.inboundMessage(org, id, "hello", now.minus(1, ChronoUnit.HOURS));
        return id;
    }

    private HttpEvents send(String key, String body) {
        return request("POST", BASE + "/send").as(sam).header("Idempotency-Key", key).body(body);
    }

    private static String text(UUID conversation, String content) {
        return "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + content + "\"}";
    }

    private long outbound() {
        return fx.count("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                + " WHERE c.organization_id = ? AND m.direction = 'outbound'", org);
    }

    @Test
    void aGenuineReplayAnswersTheFirstAnswerAndSaysSo() {
        Answer a = call(send("order-42", text(first, "Your order shipped")));
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.replayed()).as("a first answer is no replay").isNull();
        // The same request in another JSON spelling: other key order, other UUID case, extra spaces.
        Answer b = call(send("order-42", "{ \"content\" : \"Your order shipped\", \"conversationId\" : \""
                + first.toString().toUpperCase() + "\" }"));
        assertThat(b.status()).isEqualTo(202);
        assertThat(b.replayed()).isEqualTo("true");
        assertThat(b.json()).isEqualTo(a.json());
        assertThat(outbound()).isEqualTo(1);
        assertThat(drainQueue()).hasSize(1);
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND idempotency_fingerprint ~ '^[0-9a-f]{64}$'",
                a.json().path("id").asText())).as("the fingerprint is stored with the message").isEqualTo(1);
    }

    @ParameterizedTest(name = "reused for {0}")
    @ValueSource(strings = {"another text", "another conversation", "a template send", "added attachments"})
    void aKeyReusedForAnotherRequestIs422AndStoresNothing(String reuse) {
        assertThat(call(send("k-1", text(first, "Your order shipped"))).status()).isEqualTo(202);
        drainQueue();
        HttpEvents again = switch (reuse) {
            case "another text" -> send("k-1", text(first, "Your order is delayed"));
            case "another conversation" -> send("k-1", text(second, "Your order shipped"));
            case "a template send" -> request("POST", BASE + "/send-template").as(sam).header("Idempotency-Key", "k-1")
                    .body("{\"conversationId\":\"" + first + "\",\"templateId\":\"" + template + "\",\"params\":{\"1\":\"Al\",\"2\":\"#1\"}}");
            case "added attachments" -> send("k-1", "{\"conversationId\":\"" + first
                    + "\",\"content\":\"Your order shipped\",\"attachments\":[\"" + UUID.randomUUID() + "\"]}");
            default -> throw new IllegalArgumentException(reuse);
        };
        Answer answer = call(again);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(answer.json().path("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(answer.replayed()).isNull();
        assertThat(outbound()).isEqualTo(1);
        assertThat(drainQueue()).isEmpty();
    }

    @Test
    void templateParamsInAnotherOrderAreTheSameRequest() {
        String url = BASE + "/send-template";
        Answer a = call(request("POST", url).as(sam).header("Idempotency-Key", "t-1").body("{\"conversationId\":\"" + first
                + "\",\"templateId\":\"" + template + "\",\"params\":{\"1\":\"Al\",\"2\":\"x\"}}"));
        Answer b = call(request("POST", url).as(sam).header("Idempotency-Key", "t-1").body("{\"params\":{\"2\":\"x\",\"1\":\"Al\"},"
                + "\"templateId\":\"" + template + "\",\"conversationId\":\"" + first + "\"}"));
        assertThat(a.status()).as(a.json().path("detail").asText()).isEqualTo(202);
        assertThat(b.status()).isEqualTo(202);
        assertThat(b.replayed()).isEqualTo("true");
        assertThat(b.json().path("id")).isEqualTo(a.json().path("id"));
    }

    @Test
    void concurrentRequestsWithOneKeyStoreOneMessageAndRefuseTheOddOneOut() throws Exception {
        int n = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String body = i == n - 1 ? text(first, "Something else") : text(first, "Same request");
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return call(send("race-1", body));
                }, pool));
            }
            start.countDown();
            List<Answer> all = answers.stream().map(CompletableFuture::join).toList();
            assertThat(outbound()).isEqualTo(1);
            assertThat(drainQueue()).hasSize(1);
            String stored = fx.one("SELECT content FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                    + " WHERE c.organization_id = ? AND m.direction = 'outbound'", org);
            for (int i = 0; i < n; i++) {
                Answer a = all.get(i);
                boolean sameAsStored = (i == n - 1 ? "Something else" : "Same request").equals(stored);
                if (sameAsStored) {
                    assertThat(a.status()).isEqualTo(202);
                    assertThat(a.json().path("content").asText()).isEqualTo(stored);
                } else {
                    assertThat(a.status()).isEqualTo(422);
                    assertThat(a.json().path("type").asText()).endsWith("/idempotency-key-reused");
                }
            }
            assertThat(all.stream().filter(a -> a.status() == 202 && a.replayed() == null).count())
                    .as("exactly one request created the message").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
