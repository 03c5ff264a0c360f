package com.unifiedbeez.inbox.local.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.unifiedbeez.inbox.local.aws.LocalAwsServices;
import com.unifiedbeez.inbox.local.aws.LocalResources.LocalQueue;
import com.unifiedbeez.inbox.local.gateway.LambdaFunction;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.ScriptedSqsHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** What one batch leads to: Lambda's deletion rules for SQS event source mappings, on ElasticMQ. */
class SqsEventSourceTest {
    @TempDir
    static Path data;
    static LocalAwsServices aws;

    @BeforeAll
    static void start() throws Exception {
        aws = LocalAwsServices.start("eu-west-2", 0, 0, data.resolve("s3"));
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
    }

    static LocalQueue queue(boolean fifo) {
        String name = "q-" + UUID.randomUUID().toString().substring(0, 8) + (fifo ? ".fifo" : "");
        Map<String, String> attributes = fifo ? Map.of("FifoQueue", "true", "VisibilityTimeout", "30")
                : Map.of("VisibilityTimeout", "30");
        String url = aws.sqs().createQueue(c -> c.queueName(name).attributesWithStrings(attributes)).queueUrl();
        String arn = aws.sqs().getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new LocalQueue(name, name, url, arn, fifo, attributes);
    }

    static SqsEventSource source(LocalQueue queue, boolean reportFailures) {
        var mapping = new SamTemplate.SqsEvent("ScriptedFunction", "Queue", queue.logicalId(), 10, 0, reportFailures,
                true);
        var function = new LambdaFunction("ScriptedFunction", ScriptedSqsHandler.class.getName() + "::handleRequest",
                512, 10, SqsEventSourceTest.class.getClassLoader());
        return new SqsEventSource(mapping, queue, function, aws.sqs(), "eu-west-2", Duration.ofSeconds(1));
    }

    /** Sends {@code bodies} and receives them as one batch, in order. */
    static List<Message> batch(SqsEventSource source, LocalQueue queue, String... bodies) {
        for (String body : bodies) {
            aws.sqs().sendMessage(s -> {
                s.queueUrl(queue.url()).messageBody(body);
                if (queue.fifo()) {
                    s.messageGroupId("g").messageDeduplicationId(body);
                }
            });
        }
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 10 && batch.size() < bodies.length; i++) {
            batch.addAll(source.receive());
        }
        assertThat(batch).extracting(Message::body).containsExactly(bodies);
        return batch;
    }

    static long remaining(LocalQueue queue) {
        var a = aws.sqs().getQueueAttributes(g -> g.queueUrl(queue.url()).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    static SQSBatchResponse failing(SQSEvent event, String... bodies) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            if (List.of(bodies).contains(m.getBody())) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    @Test
    void theEventIsTheOneLambdaBuilds() {
        LocalQueue queue = queue(true);
        SqsEventSource source = source(queue, true);
        List<Message> batch = batch(source, queue, "a", "b");
        AtomicReference<SQSEvent> got = new AtomicReference<>();
        ScriptedSqsHandler.script = e -> {
            got.set(e);
            return null;
        };
        SqsEventSource.Outcome outcome = source.process(batch);
        assertThat(outcome.deleted()).hasSize(2);
        assertThat(got.get().getRecords()).hasSize(2).allSatisfy(r -> {
            assertThat(r.getEventSource()).isEqualTo("aws:sqs");
            assertThat(r.getEventSourceArn()).isEqualTo(queue.arn());
            assertThat(r.getAwsRegion()).isEqualTo("eu-west-2");
            assertThat(r.getReceiptHandle()).isNotBlank();
            assertThat(r.getMd5OfBody()).isNotBlank();
            assertThat(r.getAttributes()).containsEntry("MessageGroupId", "g")
                    .containsEntry("ApproximateReceiveCount", "1")
                    .containsKeys("SequenceNumber", "MessageDeduplicationId", "SentTimestamp");
        });
        assertThat(got.get().getRecords()).extracting(SQSEvent.SQSMessage::getMessageId)
                .containsExactlyElementsOf(batch.stream().map(Message::messageId).toList());
        assertThat(remaining(queue)).isZero();
    }

    @Test
    void aStandardQueueKeepsOnlyTheReportedFailures() {
        LocalQueue queue = queue(false);
        SqsEventSource source = source(queue, true);
        List<Message> batch = batch(source, queue, "a", "b", "c");
        ScriptedSqsHandler.script = e -> failing(e, "b");
        assertThat(source.process(batch).deleted())
                .containsExactlyInAnyOrder(batch.get(0).messageId(), batch.get(2).messageId());
        assertThat(remaining(queue)).isEqualTo(1);
    }

    @Test
    void aFifoQueueStopsAtTheFirstFailureEvenWhenTheHandlerReportsOnlyIt() {
        LocalQueue queue = queue(true);
        SqsEventSource source = source(queue, true);
        List<Message> batch = batch(source, queue, "1", "2", "3", "4");
        ScriptedSqsHandler.script = e -> failing(e, "2"); // a sloppy handler: 3 and 4 must stay anyway
        assertThat(source.process(batch).deleted()).containsExactly(batch.get(0).messageId());
        assertThat(remaining(queue)).isEqualTo(3);
    }

    @Test
    void aThrowingHandlerDeletesNothing() {
        LocalQueue queue = queue(false);
        SqsEventSource source = source(queue, true);
        List<Message> batch = batch(source, queue, "a", "b");
        ScriptedSqsHandler.script = e -> {
            throw new IllegalStateException("on purpose");
        };
        SqsEventSource.Outcome outcome = source.process(batch);
        assertThat(outcome.threw()).isTrue();
        assertThat(outcome.deleted()).isEmpty();
        assertThat(remaining(queue)).isEqualTo(2);
    }

    @Test
    void anItemIdentifierNotInTheBatchFailsTheWholeBatch() {
        LocalQueue queue = queue(false);
        SqsEventSource source = source(queue, true);
        List<Message> batch = batch(source, queue, "a", "b");
        ScriptedSqsHandler.script = e -> SQSBatchResponse.builder().withBatchItemFailures(List.of(
                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("not-a-message-id").build())).build();
        assertThat(source.process(batch).deleted()).isEmpty();
        assertThat(remaining(queue)).isEqualTo(2);
    }

    @Test
    void withoutReportBatchItemFailuresTheResponseIsIgnored() {
        LocalQueue queue = queue(false);
        SqsEventSource source = source(queue, false);
        List<Message> batch = batch(source, queue, "a", "b");
        ScriptedSqsHandler.script = e -> failing(e, "a", "b");
        assertThat(source.process(batch).deleted()).hasSize(2);
        assertThat(remaining(queue)).isZero();
    }
}
