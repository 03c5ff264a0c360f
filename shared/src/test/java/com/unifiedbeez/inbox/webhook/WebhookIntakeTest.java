package com.unifiedbeez.inbox.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.inbound.StandInChannel;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Webhook deliveries through the intake onto a real FIFO queue (ElasticMQ), connections in real PostgreSQL. */
class WebhookIntakeTest {
    private static final String URL = "https://hooks.example.test/api/webhooks/whatsapp";
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final String queueUrl = LocalAws.createQueue(LocalAws.unique("inbound"), true);
    private final ConnectionStore connections = new ConnectionStore(new Database(TestDatabase.dataSource()),
            new CredentialCipher(TestDatabase.config()));
    private final WebhookIntake intake = new WebhookIntake(connections,
            new SqsInboundQueue(LocalAws.sqs(), LocalAws.config().with(SqsInboundQueue.QUEUE_URL, queueUrl)));
    private final StandInChannel whatsapp = new StandInChannel(Channel.WHATSAPP, "app-secret", "verify-me");
    private final UUID org = fixtures.organization("Intake");
    private final String account = "phone-" + UUID.randomUUID();
    private final UUID connection = fixtures.channelConnection(org, Channel.WHATSAPP, account, "{}", Map.of());
    private final Instant at = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aSignedDeliveryIsQueuedOncePerConversationWithGroupAndDeduplicationIds() throws Exception {
        var entry = StandInChannel.message(account, "m-1", "+447700900001", "Ada", "hello", at);
        var other = StandInChannel.message(account, "m-2", "+447700900002", "Bob", "hi", at);
        StandInChannel.Signed delivery = whatsapp.deliver(entry, other);

        WebhookResponse response = intake.handle(post(delivery), whatsapp);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(Json.mapper().readTree(response.body()).path("received").asInt()).isEqualTo(2);
        List<Message> queued = drain();
        assertThat(queued).hasSize(2);
        Message first = queued.stream().filter(m -> m.body().contains("m-1")).findFirst().orElseThrow();
        InboundEnvelope envelope = Json.mapper().readValue(first.body(), InboundEnvelope.class);
        assertThat(envelope.channel()).isEqualTo("whatsapp");
        assertThat(envelope.connectionId()).isEqualTo(connection);
        assertThat(envelope.organizationId()).isEqualTo(org);
        assertThat(envelope.customer()).isEqualTo("+447700900001");
        assertThat(envelope.receivedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(Json.mapper().readTree(envelope.payload())).isEqualTo(entry);
        assertThat(first.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .isEqualTo(connection + ":+447700900001");
        assertThat(first.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .isEqualTo(sha256(connection + "\n" + envelope.payload()));
    }

    @Test
    void theSameDeliveryThreeTimesIsQueuedOnce() {
        StandInChannel.Signed delivery = whatsapp.deliver(StandInChannel.message(account, "m-3", "+447700900003", "Cy", "again", at));
        for (int i = 0; i < 3; i++) {
            assertThat(intake.handle(post(delivery), whatsapp).status()).isEqualTo(200);
        }
        assertThat(drain()).hasSize(1);
    }

    @Test
    void aBadSignatureIs401ProblemAndNothingIsQueued() throws Exception {
        StandInChannel.Signed delivery = whatsapp.deliver(StandInChannel.message(account, "m-4", "+447700900004", "Di", "x", at));
        WebhookRequest forged = new WebhookRequest("POST", URL,
                Map.of(StandInChannel.SIGNATURE_HEADER, delivery.signature()), Map.of(),
                delivery.body().replace("\"x\"", "\"y\"").getBytes(StandardCharsets.UTF_8));

        WebhookResponse response = intake.handle(forged, whatsapp);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.path("type").asText()).endsWith("/webhook-signature-invalid");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/webhooks/whatsapp");
        assertThat(intake.handle(new WebhookRequest("POST", URL, Map.of(), Map.of(), delivery.body().getBytes(StandardCharsets.UTF_8)),
                whatsapp).status()).isEqualTo(401);
        assertThat(drain()).isEmpty();
    }

    @Test
    void aMalformedBodyIs400() {
        byte[] notJson = "entries=1".getBytes(StandardCharsets.UTF_8);
        WebhookRequest request = new WebhookRequest("POST", URL, Map.of(StandInChannel.SIGNATURE_HEADER,
                "sha256=" + StandInChannel.hmac("app-secret", notJson)), Map.of(), notJson);
        assertThat(intake.handle(request, whatsapp).status()).isEqualTo(400);
        assertThat(drain()).isEmpty();
    }

    @Test
    void anUnknownOrDisconnectedConnectionIsAcknowledgedAndNothingIsQueued() {
        String gone = "phone-" + UUID.randomUUID();
        UUID goneId = fixtures.channelConnection(org, Channel.WHATSAPP, gone, "{}", Map.of());
        fixtures.exec("UPDATE channel_connections SET status = 'disconnected' WHERE id = ?", goneId);
        StandInChannel.Signed delivery = whatsapp.deliver(
                StandInChannel.message("phone-nobody-knows", "m-5", "+447700900005", "Ed", "hi", at),
                StandInChannel.message(gone, "m-6", "+447700900006", "Fi", "hi", at));

        WebhookResponse response = intake.handle(post(delivery), whatsapp);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"received\":0}");
        assertThat(drain()).isEmpty();
    }

    @Test
    void aQueueOutageIs500SoThePlatformDeliversAgain() {
        StandInChannel.Signed delivery = whatsapp.deliver(StandInChannel.message(account, "m-7", "+447700900007", "Gus", "hi", at));
        LocalAws.stopSqs();
        WebhookResponse response;
        try {
            response = intake.handle(post(delivery), whatsapp);
        } finally {
            LocalAws.startSqs();
        }
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(drain()).isEmpty();

        assertThat(intake.handle(post(delivery), whatsapp).status()).isEqualTo(200);
        assertThat(drain()).hasSize(1);
    }

    @Test
    void theSubscriptionHandshakeEchoesTheChallengeOnlyForTheRightToken() {
        Map<String, String> good = Map.of("hub.mode", "subscribe", "hub.verify_token", "verify-me", "hub.challenge", "1158201444");
        WebhookResponse ok = intake.handle(new WebhookRequest("GET", URL, Map.of(), good, null), whatsapp);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.contentType()).startsWith("text/plain");
        assertThat(ok.body()).isEqualTo("1158201444");

        Map<String, String> bad = Map.of("hub.mode", "subscribe", "hub.verify_token", "guess", "hub.challenge", "1");
        WebhookResponse refused = intake.handle(new WebhookRequest("GET", URL, Map.of(), bad, null), whatsapp);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(intake.handle(new WebhookRequest("PUT", URL, Map.of(), Map.of(), null), whatsapp).status()).isEqualTo(405);
    }

    @Test
    void smsIsAcknowledgedWithEmptyTwimlSoTwilioSendsNothingBack() {
        StandInChannel sms = new StandInChannel(Channel.SMS, "app-secret", "verify-me");
        String number = "+4420" + (System.nanoTime() % 100_000_000L);
        fixtures.channelConnection(org, Channel.SMS, number, "{}", Map.of());
        WebhookResponse response = intake.handle(post(sms.deliver(StandInChannel.message(number, "SM1", "+447700900008", null, "hi", at))), sms);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/xml");
        assertThat(response.body()).isEqualTo(WebhookIntake.EMPTY_TWIML);
        assertThat(drain()).hasSize(1);
    }

    private static WebhookRequest post(StandInChannel.Signed delivery) {
        return new WebhookRequest("POST", URL, Map.of(StandInChannel.SIGNATURE_HEADER, delivery.signature()), Map.of(),
                delivery.body().getBytes(StandardCharsets.UTF_8));
    }

    private List<Message> drain() {
        return LocalAws.drain(queueUrl);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
