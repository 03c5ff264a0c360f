package com.unifiedbeez.inbox.functions.outboundsender;

import static com.unifiedbeez.inbox.functions.outboundsender.SenderHarness.PLATFORM;
import static com.unifiedbeez.inbox.functions.outboundsender.SenderHarness.failures;
import static com.unifiedbeez.inbox.functions.outboundsender.SenderHarness.invoke;
import static com.unifiedbeez.inbox.functions.outboundsender.SenderHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.outbound.OutboundScenario;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The outbound sender as Lambda runs it: records received from a real FIFO queue (ElasticMQ),
 * retries scheduled through the queue's visibility, sends made to a local platform.
 */
class OutboundSenderHandlerTest {
    private final SqsOutboundQueue queue = new SqsOutboundQueue(LocalAws.sqs(), SenderHarness.CONFIG);
    private OutboundScenario given;

    @BeforeEach
    void given() throws InterruptedException {
        SenderHarness.drain();
        while (PLATFORM.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // requests of earlier tests
        }
        given = new OutboundScenario(Channel.WHATSAPP, "+447700900" + (int) (Math.random() * 900 + 100));
    }

    private void answer(int code, String body, String retryAfter) {
        MockResponse.Builder response = new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body);
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        PLATFORM.enqueue(response.build());
    }

    private UUID accepted(String text, Instant at) {
        UUID id = given.queued(given.conversation, text, at);
        queue.enqueue(given.send(id));
        return id;
    }

    private String sentText() throws Exception {
        RecordedRequest request = PLATFORM.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a platform call").isNotNull();
        return Json.mapper().readTree(request.getBody().utf8()).path("text").asText();
    }

    @Test
    void primingBeforeTheSnapshotSendsNothingAndChangesNothing() throws Exception {
        UUID id = accepted("Waiting on the queue", Instant.now().truncatedTo(ChronoUnit.MICROS));
        DatabaseSnapshot before = DatabaseSnapshot.of();

        SenderHarness.HANDLER.priming.beforeCheckpoint(null);

        assertThat(DatabaseSnapshot.of()).as("no row written").isEqualTo(before);
        assertThat(PLATFORM.takeRequest(200, TimeUnit.MILLISECONDS)).as("no platform call").isNull();
        List<Message> waiting = receive(0);
        assertThat(waiting).as("the queued send untouched, received for the first time now").singleElement()
                .satisfies(m -> assertThat(m.attributesAsStrings()).containsEntry("ApproximateReceiveCount", "1"));
        assertThat(given.status(id)).isEqualTo("queued");
    }

    @Test
    void aServerErrorPutsTheRecordBackForItsBackoffThenTheRetrySends() throws Exception {
        UUID id = accepted("Your parcel is on its way", Instant.now().truncatedTo(ChronoUnit.MICROS));
        answer(500, "{\"error\":\"try later\"}", "1");
        answer(200, "{\"id\":\"wamid.retry-1\"}", null);

        List<Message> first = receive(5);
        assertThat(first).hasSize(1);
        SQSBatchResponse response = invoke(first);

        assertThat(failures(response)).containsExactly(first.get(0).messageId());
        assertThat(given.status(id)).isEqualTo("queued");
        // Visible again after the platform's 1 s, not the queue's 30 s visibility timeout.
        List<Message> again = receive(5);
        assertThat(again).extracting(Message::messageId).containsExactly(first.get(0).messageId());
        assertThat(again.get(0).attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");

        assertThat(failures(invoke(again))).isEmpty();
        assertThat(sentText()).isEqualTo("Your parcel is on its way");
        assertThat(sentText()).isEqualTo("Your parcel is on its way");
        assertThat(given.status(id)).isEqualTo("sent");
        assertThat(given.column(id, "external_id")).isEqualTo("wamid.retry-1");
        assertThat(receive(0)).as("deleted once handled").isEmpty();
    }

    @Test
    void inAFifoBatchTheFirstRecordToRetryAndEveryLaterOneAreReported() throws Exception {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID one = accepted("one", t.minusSeconds(3));
        UUID two = accepted("two", t.minusSeconds(2));
        UUID three = accepted("three", t.minusSeconds(1));
        answer(200, "{\"id\":\"wamid.one\"}", null);
        answer(503, "{}", "1");

        List<Message> batch = receive(5);
        assertThat(batch).hasSize(3);
        SQSBatchResponse response = invoke(batch);

        assertThat(failures(response)).containsExactly(batch.get(1).messageId(), batch.get(2).messageId());
        assertThat(sentText()).isEqualTo("one");
        assertThat(sentText()).isEqualTo("two");
        assertThat(PLATFORM.takeRequest(200, TimeUnit.MILLISECONDS)).as("three is never tried out of turn").isNull();
        assertThat(given.status(one)).isEqualTo("sent");
        assertThat(given.status(two)).isEqualTo("queued");
        assertThat(given.status(three)).isEqualTo("queued");
        assertThat(given.column(three, "send_attempts")).isEqualTo("0");
        // Only the retried record had its visibility shortened: it heads its group again after 1 s.
        List<Message> again = receive(5);
        assertThat(again).extracting(Message::messageId).containsExactly(batch.get(1).messageId());
    }

    @Test
    void anUnreadableRecordIsReportedWithEveryLaterOneAndNothingIsSent() {
        LocalAws.sqs().sendMessage(s -> s.queueUrl(SenderHarness.QUEUE).messageGroupId(given.conversation.toString())
                .messageDeduplicationId(UUID.randomUUID().toString()).messageBody("{\"messageId\":\"not a uuid\"}"));
        UUID later = accepted("after the bad one", Instant.now().truncatedTo(ChronoUnit.MICROS));

        List<Message> batch = receive(5);
        assertThat(batch).hasSize(2);
        SQSBatchResponse response = invoke(batch);

        assertThat(failures(response)).containsExactly(batch.get(0).messageId(), batch.get(1).messageId());
        assertThat(given.status(later)).isEqualTo("queued");
        assertThat(receive(1)).as("left to the queue's own visibility timeout").isEmpty();
    }

    @Test
    void aRecordReceivedAgainAfterItsSendWentOutSendsNothing() throws Exception {
        UUID id = accepted("only once", Instant.now().truncatedTo(ChronoUnit.MICROS));
        answer(200, "{\"id\":\"wamid.once\"}", null);
        List<Message> batch = receive(5);

        // The first invocation sent it but its delete was lost; SQS hands the same record over again.
        assertThat(failures(SenderHarness.HANDLER.handleRequest(SenderHarness.event(batch), null))).isEmpty();
        assertThat(failures(invoke(batch))).isEmpty();

        assertThat(sentText()).isEqualTo("only once");
        assertThat(PLATFORM.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(given.status(id)).isEqualTo("sent");
    }
}
