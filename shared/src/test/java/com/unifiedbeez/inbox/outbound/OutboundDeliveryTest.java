package com.unifiedbeez.inbox.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.outbound.DeliveryResult.RetryLater;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery of accepted sends, on real PostgreSQL and S3Proxy, to a local HTTP server standing in
 * for a platform (through {@link JsonPlatformSender}).
 */
class OutboundDeliveryTest {
    private static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    private static final Config CONFIG = LocalAws.config(TestDatabase.config()).with(S3MediaStorage.BUCKET, BUCKET);

    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private final DeliveryTracker tracker = new DeliveryTracker(events);
    private final S3MediaStorage media = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), CONFIG);
    private MockWebServer platform;
    private OutboundDelivery delivery;
    private OutboundScenario given;

    @BeforeEach
    void start() throws Exception {
        platform = new MockWebServer();
        platform.start();
        String base = platform.url("/v1").toString();
        delivery = new OutboundDelivery(database, new ConnectionStore(database, new CredentialCipher(CONFIG)),
                Set.of(new JsonPlatformSender(Channel.WHATSAPP, base), new JsonPlatformSender(Channel.EMAIL, base)),
                new OutboundMessageReader(media), tracker, new MessageStore(), events, new RetryPolicy(CONFIG));
        given = new OutboundScenario(Channel.WHATSAPP, "+4915112345678");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private void answer(int code, String body) {
        platform.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private JsonNode nextRequest() throws Exception {
        RecordedRequest request = platform.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a platform call").isNotNull();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OutboundScenario.ACCESS_TOKEN);
        return Json.mapper().readTree(request.getBody().utf8());
    }

    /** The payloads of the realtime events {@code name} about {@code message}, oldest first. */
    private List<JsonNode> events(UUID message, String name) {
        return database.read(c -> Sql.list(c, """
                SELECT payload::text FROM domain_events
                 WHERE organization_id = ? AND name = ? AND coalesce(payload->>'messageId', payload->'message'->>'id') = ?
                 ORDER BY created_at, id""",
                r -> r.getString(1), given.org, name, message.toString()))
                .stream().map(OutboundDeliveryTest::json).toList();
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void acceptedSendEndsSentWithThePlatformsIdAndIsAnnounced() throws Exception {
        UUID id = given.queued("Your order shipped today");
        answer(200, "{\"id\":\"wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3\"}");

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        JsonNode request = nextRequest();
        assertThat(request.path("to").asText()).isEqualTo("+4915112345678");
        assertThat(request.path("text").asText()).isEqualTo("Your order shipped today");
        assertThat(given.status(id)).isEqualTo("sent");
        assertThat(given.column(id, "external_id")).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3");
        assertThat(given.column(id, "sent_at")).isNotNull();
        assertThat(given.column(id, "send_lease_until")).isNull();
        assertThat(given.column(id, "send_attempts")).isEqualTo("1");
        List<JsonNode> sent = events(id, DomainEvents.MESSAGE_SENT);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("conversationId").asText()).isEqualTo(given.conversation.toString());
        assertThat(sent.get(0).path("message").path("status").asText()).isEqualTo("sent");
        assertThat(sent.get(0).path("message").path("content").asText()).isEqualTo("Your order shipped today");
        assertThat(events(id, DomainEvents.MESSAGE_STATUS)).extracting(e -> e.path("status").asText()).containsExactly("sent");
    }

    @Test
    void transientFailuresComeBackWithBackoffOrThePlatformsRetryAfterThenTheSendGoesOut() throws Exception {
        UUID id = given.queued("Hello");
        answer(500, "{\"error\":\"internal\"}");
        platform.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "7").build());
        answer(200, "{\"id\":\"m-1\"}");

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(new RetryLater(Duration.ofSeconds(10), "HTTP 500"));
        assertThat(given.status(id)).isEqualTo("queued");
        assertThat(given.column(id, "send_lease_until")).as("the lease is given back").isNull();
        assertThat(delivery.deliver(given.send(id), 2)).isEqualTo(new RetryLater(Duration.ofSeconds(7), "HTTP 503"));
        assertThat(delivery.deliver(given.send(id), 3)).isEqualTo(DeliveryResult.DONE);

        assertThat(platform.getRequestCount()).isEqualTo(3);
        assertThat(given.status(id)).isEqualTo("sent");
        assertThat(given.column(id, "external_id")).isEqualTo("m-1");
        assertThat(given.column(id, "send_attempts")).isEqualTo("3");
    }

    @Test
    void aPermanentRefusalEndsFailedWithThePlatformsCodeAndText() throws Exception {
        UUID id = given.queued("Hello again");
        answer(400, "{\"code\":\"131047\",\"message\":\"Re-engagement message: more than 24 hours have passed\"}");

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(platform.getRequestCount()).isEqualTo(1);
        assertThat(given.status(id)).isEqualTo("failed");
        assertThat(given.column(id, "error_code")).isEqualTo("131047");
        assertThat(given.column(id, "error_message")).isEqualTo("Re-engagement message: more than 24 hours have passed");
        assertThat(given.column(id, "failed_at")).isNotNull();
        assertThat(events(id, DomainEvents.MESSAGE_STATUS)).extracting(e -> e.path("status").asText()).containsExactly("failed");
        assertThat(events(id, DomainEvents.MESSAGE_SENT)).isEmpty();
    }

    @Test
    void aPlatformDownForEveryAttemptEndsFailedInsteadOfStayingQueued() {
        UUID id = given.queued("Anyone there?");
        List<DeliveryResult> results = new ArrayList<>();
        for (int receive = 1; receive <= RetryPolicy.DEFAULT_MAX_ATTEMPTS; receive++) {
            answer(502, "{}");
            results.add(delivery.deliver(given.send(id), receive));
        }
        assertThat(results).extracting(r -> r instanceof RetryLater later ? later.delay() : null)
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90),
                        Duration.ofSeconds(270), null);
        assertThat(platform.getRequestCount()).isEqualTo(5);
        assertThat(given.status(id)).isEqualTo("failed");
        assertThat(given.column(id, "error_code")).isEqualTo(OutboundDelivery.PLATFORM_UNAVAILABLE);
        assertThat(given.column(id, "error_message")).isEqualTo("HTTP 502");
    }

    @Test
    void theSameSendDeliveredTwiceCallsThePlatformOnce() {
        UUID id = given.queued("Once only");
        answer(200, "{\"id\":\"m-once\"}");
        answer(200, "{\"id\":\"m-twice\"}");

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);
        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(platform.getRequestCount()).isEqualTo(1);
        assertThat(given.column(id, "external_id")).isEqualTo("m-once");
        assertThat(events(id, DomainEvents.MESSAGE_SENT)).hasSize(1);
    }

    @Test
    void anOlderQueuedSendOfTheConversationGoesOutFirst() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID first = given.queued(given.conversation, "first (its enqueue failed)", now.minusSeconds(90));
        UUID second = given.queued(given.conversation, "second", now);
        answer(200, "{\"id\":\"m-first\"}");
        answer(200, "{\"id\":\"m-second\"}");

        assertThat(delivery.deliver(given.send(second), 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(nextRequest().path("text").asText()).isEqualTo("first (its enqueue failed)");
        assertThat(nextRequest().path("text").asText()).isEqualTo("second");
        assertThat(given.column(first, "external_id")).isEqualTo("m-first");
        assertThat(given.column(second, "external_id")).isEqualTo("m-second");
        // The sweeper's re-queue of the first arrives later and sends nothing.
        assertThat(delivery.deliver(given.send(first), 1)).isEqualTo(DeliveryResult.DONE);
        assertThat(platform.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aSendWaitsWhileAnOlderSendOfItsConversationIsBeingRetried() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID first = given.queued(given.conversation, "first", now.minusSeconds(90));
        UUID second = given.queued(given.conversation, "second", now);
        answer(500, "{}");

        DeliveryResult result = delivery.deliver(given.send(second), 1);

        assertThat(result).isInstanceOf(RetryLater.class);
        assertThat(((RetryLater) result).delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(nextRequest().path("text").asText()).isEqualTo("first");
        assertThat(platform.getRequestCount()).isEqualTo(1);
        assertThat(given.status(first)).isEqualTo("queued");
        assertThat(given.status(second)).isEqualTo("queued");
        assertThat(given.column(second, "send_attempts")).as("not tried out of order").isEqualTo("0");
    }

    @Test
    void statusesReportedBeforeTheSendRecordedItsIdAreAppliedWhenItDoes() {
        UUID id = given.queued("Race me");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.transaction(c -> {
            tracker.report(c, given.org, given.connection,
                    new StatusReport("wamid.race", given.customer, MessageStatus.READ, t.plusSeconds(2), null, null));
            tracker.report(c, given.org, given.connection,
                    new StatusReport("wamid.race", given.customer, MessageStatus.DELIVERED, t.plusSeconds(1), null, null));
            return null;
        });
        answer(200, "{\"id\":\"wamid.race\"}");

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(given.status(id)).isEqualTo("read");
        assertThat(given.column(id, "delivered_at")).isNotNull();
        assertThat(given.column(id, "read_at")).isNotNull();
        assertThat(given.fx.count("SELECT count(*) FROM pending_message_statuses WHERE channel_connection_id = ?",
                given.connection)).isZero();
        assertThat(events(id, DomainEvents.MESSAGE_STATUS)).extracting(e -> e.path("status").asText())
                .containsExactly("sent", "delivered", "read");
        assertThat(events(id, DomainEvents.MESSAGE_SENT).get(0).path("message").path("status").asText()).isEqualTo("read");
    }

    @Test
    void aSendLeasedByAnotherConsumerIsRetriedLaterWithoutCallingThePlatform() {
        UUID id = given.queued("Mine");
        given.fx.exec("UPDATE messages SET send_lease_until = now() + interval '1 minute' WHERE id = ?", id);

        DeliveryResult result = delivery.deliver(given.send(id), 1);

        assertThat(result).isInstanceOf(RetryLater.class);
        assertThat(platform.getRequestCount()).isZero();
        assertThat(given.status(id)).isEqualTo("queued");
        assertThat(given.column(id, "send_attempts")).isEqualTo("0");

        // The other consumer died: once its lease has passed, the send goes out.
        given.fx.exec("UPDATE messages SET send_lease_until = now() - interval '1 second' WHERE id = ?", id);
        answer(200, "{\"id\":\"m-after-lease\"}");
        assertThat(delivery.deliver(given.send(id), 2)).isEqualTo(DeliveryResult.DONE);
        assertThat(given.status(id)).isEqualTo("sent");
    }

    @Test
    void aDisconnectedConnectionEndsTheSendFailed() {
        UUID id = given.queued("Nobody listens");
        given.fx.exec("UPDATE channel_connections SET status = 'disconnected', disconnected_at = now() WHERE id = ?",
                given.connection);

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(platform.getRequestCount()).isZero();
        assertThat(given.status(id)).isEqualTo("failed");
        assertThat(given.column(id, "error_code")).isEqualTo(OutboundDelivery.CHANNEL_DISCONNECTED);
    }

    @Test
    void aContactWithoutAnIdentityOnTheChannelEndsTheSendFailed() {
        UUID id = given.queued("To whom?");
        given.fx.exec("DELETE FROM contact_identities WHERE contact_id = ?", given.contact);

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        assertThat(platform.getRequestCount()).isZero();
        assertThat(given.column(id, "error_code")).isEqualTo(OutboundDelivery.NO_RECIPIENT);
    }

    @Test
    void attachmentsGoOutAsPresignedLinksThePlatformCanFetch() throws Exception {
        UUID id = given.queued("Here is the invoice");
        byte[] pdf = "%PDF-1.4 invoice 42".getBytes(StandardCharsets.UTF_8);
        byte[] jpeg = new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x42};
        attach(id, "invoice-42.pdf", "application/pdf", pdf);
        attach(id, "photo.jpg", "image/jpeg", jpeg);
        answer(200, "{\"id\":\"m-media\"}");

        assertThat(delivery.deliver(given.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        JsonNode urls = nextRequest().path("mediaUrls");
        assertThat(urls).hasSize(2);
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> first = client.send(HttpRequest.newBuilder(URI.create(urls.get(0).asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> second = client.send(HttpRequest.newBuilder(URI.create(urls.get(1).asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(pdf);
        assertThat(second.body()).isEqualTo(jpeg);
        assertThat(urls.get(0).asText()).contains("X-Amz-Expires=3600");
    }

    private void attach(UUID messageId, String fileName, String contentType, byte[] bytes) {
        String key = given.org + "/" + given.conversation + "/" + Ids.newId() + "/" + fileName;
        media.put(key, bytes, contentType);
        given.fx.exec("""
                INSERT INTO attachments (id, organization_id, conversation_id, message_id, s3_key, file_name, content_type,
                                         declared_size, size_bytes, status, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'uploaded', now())""",
                Ids.newId(), given.org, given.conversation, messageId, key, fileName, contentType,
                (long) bytes.length, (long) bytes.length);
    }

    @Test
    void anEmailReplyContinuesTheThread() throws Exception {
        OutboundScenario mail = new OutboundScenario(Channel.EMAIL, "ada@customer.example");
        mail.fx.exec("UPDATE conversations SET subject = 'Order 42 arrived damaged' WHERE id = ?", mail.conversation);
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(3, ChronoUnit.HOURS);
        inboundMail(mail, "<first@customer.example>", t);
        UUID reply = mail.queued(mail.conversation, "We are sorry", t.plus(1, ChronoUnit.HOURS));
        mail.fx.exec("UPDATE messages SET status = 'sent', external_id = '<reply-1@inbox.example>' WHERE id = ?", reply);
        inboundMail(mail, "<second@customer.example>", t.plus(2, ChronoUnit.HOURS));
        UUID id = mail.queued("A replacement is on its way");
        answer(200, "{\"id\":\"<reply-2@inbox.example>\"}");

        assertThat(delivery.deliver(mail.send(id), 1)).isEqualTo(DeliveryResult.DONE);

        JsonNode request = nextRequest();
        assertThat(request.path("to").asText()).isEqualTo("ada@customer.example");
        assertThat(request.path("subject").asText()).isEqualTo("Order 42 arrived damaged");
        assertThat(request.path("inReplyTo").asText()).isEqualTo("<second@customer.example>");
        assertThat(request.path("references")).extracting(JsonNode::asText)
                .containsExactly("<first@customer.example>", "<reply-1@inbox.example>", "<second@customer.example>");
    }

    private static void inboundMail(OutboundScenario mail, String messageId, Instant at) {
        UUID id = mail.fx.inboundMessage(mail.org, mail.conversation, "mail " + messageId, at);
        mail.fx.exec("UPDATE messages SET external_id = ?, channel_connection_id = ? WHERE id = ?",
                messageId, mail.connection, id);
    }

    @Test
    void aPlatformsSlowDownHoldsBackTheConnectionsNextSendsInTheBatch() {
        UUID other = given.conversation(given.fx.contact(given.org, "Bob", "whatsapp", "+4915199999999"));
        UUID first = given.queued("to Ada");
        UUID second = given.queued(other, "to Bob", Instant.now().truncatedTo(ChronoUnit.MICROS));
        platform.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "30").build());
        RateLimits batch = new RateLimits();

        assertThat(delivery.deliver(given.send(first), 1, batch)).isEqualTo(new RetryLater(Duration.ofSeconds(30), "HTTP 429"));
        DeliveryResult held = delivery.deliver(given.send(second), 1, batch);

        assertThat(held).isInstanceOf(RetryLater.class);
        assertThat(((RetryLater) held).delay()).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(30));
        assertThat(platform.getRequestCount()).as("Bob's send did not hammer the throttled account").isEqualTo(1);
        assertThat(given.column(second, "send_attempts")).isEqualTo("0");
    }
}
