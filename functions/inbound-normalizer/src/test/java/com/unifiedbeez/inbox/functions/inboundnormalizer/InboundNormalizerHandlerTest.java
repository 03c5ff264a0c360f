package com.unifiedbeez.inbox.functions.inboundnormalizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.inbound.InboundRejects;
import com.unifiedbeez.inbox.inbound.StandInChannel;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testkit.SqsEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The normalizer function on its real modules (PostgreSQL, S3Proxy) with the stand-in channel's
 * normalizer, fed SQS FIFO batches as Lambda delivers them.
 */
class InboundNormalizerHandlerTest {
    private static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    private static final InboundNormalizerHandler HANDLER = new InboundNormalizerHandler(
            DaggerStandInNormalizerComponent.factory().create(
                    LocalAws.config(TestDatabase.config()).with(S3MediaStorage.BUCKET, BUCKET)
                            .with(SqsOutboundQueue.QUEUE_URL, LocalAws.createQueue(LocalAws.unique("outbound"), true))));

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final UUID org = fixtures.organization("Normalizer");
    private final String account = "phone-" + UUID.randomUUID();
    private final UUID connection = fixtures.channelConnection(org, Channel.WHATSAPP, account, "{}", Map.of());
    private final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
    private final MockWebServer mediaServer = new MockWebServer();

    @AfterEach
    void stopMediaServer() {
        mediaServer.close();
    }

    private SQSEvent.SQSMessage record(String messageId, String body) {
        return SqsEvents.record(messageId, body,
                Map.of("MessageGroupId", connection + ":+447700900001", "ApproximateReceiveCount", "1"));
    }

    private SQSEvent.SQSMessage record(String messageId, JsonNode entry) {
        return record(messageId, Json.write(new InboundEnvelope("whatsapp", connection, org, entry.path("from").asText(),
                Instant.now(), entry.toString())));
    }

    private static SQSEvent batch(List<SQSEvent.SQSMessage> records) {
        return SqsEvents.event(records);
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private JsonNode text(String id, String text, int second) {
        return StandInChannel.message(account, id, "+447700900001", "Ada", text, t0.plusSeconds(second));
    }

    @Test
    void primingBeforeTheSnapshotDropsItsPayloadAndStoresNothing() {
        long before = fixtures.count("SELECT count(*) FROM messages") + fixtures.count("SELECT count(*) FROM contacts");

        HANDLER.priming.beforeCheckpoint(null);

        assertThat(fixtures.count("SELECT count(*) FROM messages") + fixtures.count("SELECT count(*) FROM contacts"))
                .isEqualTo(before);
    }

    @Test
    void aFailingRecordAndEveryLaterOneAreReportedAndTheirRetryStoresThemAll() throws Exception {
        mediaServer.enqueue(new MockResponse.Builder().code(500).build());
        mediaServer.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/jpeg").body("JPEG").build());
        mediaServer.start();
        List<SQSEvent.SQSMessage> records = new ArrayList<>(List.of(
                record("r1", text("wamid.1", "one", 1)),
                record("r2", StandInChannel.message(account, "wamid.2", "+447700900001", "Ada", "two", t0.plusSeconds(2))
                        .put("mediaUrl", mediaServer.url("/media/2").toString())),
                record("r3", text("wamid.3", "three", 3)),
                record("r4", text("wamid.4", "four", 4))));

        SQSBatchResponse first = HANDLER.handleRequest(batch(records), null);

        assertThat(failures(first)).containsExactly("r2", "r3", "r4");
        assertThat(contents()).containsExactly("one");

        // SQS delivers the reported records again, in order; the media server has recovered.
        SQSBatchResponse retry = HANDLER.handleRequest(batch(records.subList(1, 4)), null);

        assertThat(failures(retry)).isEmpty();
        assertThat(contents()).containsExactly("one", "two", "three", "four");
        assertThat(fixtures.count("SELECT count(*) FROM attachments WHERE organization_id = ? AND status = 'uploaded'", org))
                .isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchStoresNothingTwice() {
        SQSEvent event = batch(List.of(record("r1", text("wamid.a", "once", 1)), record("r2", text("wamid.b", "twice?", 2))));
        assertThat(failures(HANDLER.handleRequest(event, null))).isEmpty();
        assertThat(failures(HANDLER.handleRequest(event, null))).isEmpty();
        assertThat(contents()).containsExactly("once", "twice?");
        assertThat(fixtures.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'message:received'", org))
                .isEqualTo(2);
    }

    @Test
    void aRecordThatIsNoEnvelopeIsSetAsideAndHoldsNothingAfterIt() {
        // issue 8: it can never succeed, so it is kept in the bucket, not retried, not in the way
        SQSEvent event = batch(List.of(
                record("r1", text("wamid.ok", "fine", 1)),
                record("r2", "this is not json"),
                record("r3", text("wamid.later", "later", 3))));
        assertThat(failures(HANDLER.handleRequest(event, null))).isEmpty();
        assertThat(contents()).containsExactly("fine", "later");

        SQSEvent incomplete = batch(List.of(record("r4", "{\"channel\":\"whatsapp\",\"payload\":\"{}\"}")));
        assertThat(failures(HANDLER.handleRequest(incomplete, null))).isEmpty();
        assertThat(LocalAws.s3().listObjectsV2(b -> b.bucket(BUCKET).prefix(InboundRejects.PREFIX)).contents())
                .extracting(o -> new String(LocalAws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key(o.key())).asByteArray(),
                        java.nio.charset.StandardCharsets.UTF_8))
                .anySatisfy(kept -> assertThat(kept).contains("this is not json").contains("\"recordId\":\"r2\""))
                .anySatisfy(kept -> assertThat(kept).contains("\"recordId\":\"r4\""));
    }

    @Test
    void anEmptyBatchHasNoFailures() {
        assertThat(failures(HANDLER.handleRequest(batch(List.of()), null))).isEmpty();
    }

    private List<String> contents() {
        String all = fixtures.one("""
                SELECT coalesce(string_agg(content, '|' ORDER BY platform_timestamp), '') FROM messages
                 WHERE organization_id = ?""", org);
        return all.isEmpty() ? List.of() : List.of(all.split("\\|"));
    }
}
