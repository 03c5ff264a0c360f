package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.testing.SqsRecordingHandler;
import com.unifiedbeez.inbox.local.testing.SqsRecordingHandler.Seen;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.local.testing.TickHandler;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The local runtime's SQS event source mappings and schedules end to end: a template fixture with
 * queues (a DLQ each), test functions consuming them, and a rate schedule — as Lambda would run them.
 */
class EventSourcesTest {
    @TempDir
    static Path data;
    static LocalInbox inbox;
    static SqsClient sqs;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void start() throws Exception {
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(TestTemplates.events()).withSeed(false));
        sqs = inbox.aws().sqs();
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            long start = System.nanoTime();
            inbox.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("pollers and servers stop promptly")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(System.getProperty("INBOX_TEST_WORK_QUEUE_URL")).as("restored on close").isNull();
            assertThat(System.getProperty(AwsConfig.SQS_ENDPOINT)).as("restored on close").isNull();
        }
    }

    static LocalResources.LocalQueue queue(String logicalId) {
        return inbox.resources().queue(logicalId).orElseThrow();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    static List<Seen> seen(String function, String body) {
        List<Seen> all;
        synchronized (SqsRecordingHandler.seen(function)) {
            all = new ArrayList<>(SqsRecordingHandler.seen(function));
        }
        return all.stream().filter(s -> s.body().equals(body)).toList();
    }

    void send(String queue, String body) {
        sqs.sendMessage(s -> s.queueUrl(queue(queue).url()).messageBody(body));
    }

    @Test
    void startsTheTemplatesQueuesBucketsAndEventSources() throws Exception {
        assertThat(inbox.events().sqs()).extracting(e -> e.mapping().functionName())
                .containsExactlyInAnyOrder("WorkerFunction", "OrderedWorkerFunction");
        assertThat(inbox.events().schedules()).singleElement()
                .satisfies(s -> assertThat(s.period()).isEqualTo(Duration.ofMinutes(1)));
        assertThat(inbox.events().skipped()).hasSize(2)
                .anySatisfy(s -> assertThat(s).contains("DeadLetterReaderFunction").contains("Enabled false"))
                .anySatisfy(s -> assertThat(s).contains("Nightly").contains("rate("));

        assertThat(System.getProperty("INBOX_TEST_WORK_QUEUE_URL")).isEqualTo(queue("WorkQueue").url());
        assertThat(System.getProperty("INBOX_TEST_MEDIA_BUCKET")).isEqualTo("mediabucket");
        assertThat(System.getProperty("INBOX_TEST_NOT_A_RESOURCE")).isNull();
        assertThat(System.getProperty(AwsConfig.SQS_ENDPOINT)).isEqualTo(inbox.aws().sqsEndpoint());
        assertThat(System.getProperty(AwsConfig.S3_ENDPOINT)).isEqualTo(inbox.aws().s3Endpoint());
        assertThat(System.getProperty(AwsConfig.REGION)).isEqualTo(inbox.aws().region());

        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        inbox.printBanner(new PrintStream(banner, true, StandardCharsets.UTF_8));
        assertThat(banner.toString(StandardCharsets.UTF_8)).contains(queue("WorkQueue").url(),
                queue("OrderedQueue").url(), "mediabucket", "inbox-events-test-named", inbox.aws().sqsEndpoint(),
                inbox.aws().s3Endpoint(), "WorkerFunction <- SQS WorkQueue", "TickFunction <- rate(1 minute)");
    }

    @Test
    void aHandledMessageIsDeleted() throws Exception {
        String body = "ok:" + run;
        send("WorkQueue", body);
        await("the worker", Duration.ofSeconds(10), () -> !seen("WorkerFunction", body).isEmpty());
        Thread.sleep(2_500); // > the queue's 1 s visibility timeout: an undeleted message would be back
        assertThat(seen("WorkerFunction", body)).singleElement().satisfies(s -> {
            assertThat(s.handled()).isTrue();
            assertThat(s.receiveCount()).isEqualTo("1");
            assertThat(s.eventSource()).isEqualTo("aws:sqs");
            assertThat(s.eventSourceArn()).isEqualTo(queue("WorkQueue").arn());
            assertThat(s.awsRegion()).isEqualTo(inbox.aws().region());
        });
    }

    @Test
    void aReportedFailureComesBackAfterTheVisibilityTimeout() throws Exception {
        String body = "fail-once:" + run;
        send("WorkQueue", body);
        await("the retry", Duration.ofSeconds(10), () -> seen("WorkerFunction", body).size() >= 2);
        List<Seen> attempts = seen("WorkerFunction", body);
        assertThat(attempts).extracting(Seen::handled).containsExactly(false, true);
        assertThat(attempts).extracting(Seen::receiveCount).containsExactly("1", "2");
        // measured at the handler, which the first attempt reaches later than SQS handed it over (by as
        // much as the machine is loaded), so the gap seen can be shorter than the timeout by that much
        assertThat(attempts.get(1).atMillis() - attempts.get(0).atMillis())
                .as("not before the 1 s visibility timeout").isGreaterThanOrEqualTo(500);
    }

    @Test
    void aThrowingInvocationLeavesItsBatchOnTheQueue() throws Exception {
        String body = "throw-once:" + run;
        send("WorkQueue", body);
        await("the retry", Duration.ofSeconds(10), () -> seen("WorkerFunction", body).size() >= 2);
        assertThat(seen("WorkerFunction", body)).extracting(Seen::handled).containsExactly(false, true);
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueueAfterMaxReceiveCount() throws Exception {
        String body = "poison:" + run;
        send("WorkQueue", body);
        List<Message> dead = new ArrayList<>();
        await("the dead-letter queue", Duration.ofSeconds(20), () -> {
            for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue("WorkDLQ").url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                if (m.body().equals(body)) {
                    dead.add(m);
                    sqs.deleteMessage(d -> d.queueUrl(queue("WorkDLQ").url()).receiptHandle(m.receiptHandle()));
                }
            }
            return !dead.isEmpty();
        });
        assertThat(seen("WorkerFunction", body)).as("maxReceiveCount 3").hasSize(3)
                .extracting(Seen::receiveCount).containsExactly("1", "2", "3");
    }

    @Test
    void fifoOrderWithinAGroupIsKeptThroughAFailure() throws Exception {
        String url = queue("OrderedQueue").url();
        List<String> a = List.of("ok:" + run + "-A1", "ok:" + run + "-A2", "fail-once:" + run + "-A3",
                "ok:" + run + "-A4", "ok:" + run + "-A5");
        List<String> b = List.of("ok:" + run + "-B1", "ok:" + run + "-B2", "ok:" + run + "-B3");
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String body = a.get(i);
            entries.add(SendMessageBatchRequestEntry.builder().id("a" + i).messageBody(body)
                    .messageGroupId("A-" + run).messageDeduplicationId(body).build());
            if (i < 3) {
                String other = b.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id("b" + i).messageBody(other)
                        .messageGroupId("B-" + run).messageDeduplicationId(other).build());
            }
        }
        sqs.sendMessageBatch(s -> s.queueUrl(url).entries(entries));

        await("both groups handled", Duration.ofSeconds(20), () -> handled("A-" + run).size() == 5
                && handled("B-" + run).size() == 3);
        assertThat(handled("A-" + run)).containsExactlyElementsOf(a);
        assertThat(handled("B-" + run)).containsExactlyElementsOf(b);
        assertThat(seen("OrderedWorkerFunction", a.get(2))).extracting(Seen::handled).containsExactly(false, true);
        assertThat(seen("OrderedWorkerFunction", a.get(2))).allSatisfy(s -> {
            assertThat(s.groupId()).isEqualTo("A-" + run);
            assertThat(s.sequenceNumber()).isNotBlank();
        });
    }

    private static List<String> handled(String group) {
        List<Seen> all;
        synchronized (SqsRecordingHandler.seen("OrderedWorkerFunction")) {
            all = new ArrayList<>(SqsRecordingHandler.seen("OrderedWorkerFunction"));
        }
        return all.stream().filter(s -> group.equals(s.groupId()) && s.handled()).map(Seen::body).toList();
    }

    @Test
    void aScheduleInvokesItsFunctionWithAScheduledEvent() throws Exception {
        int before = TickHandler.EVENTS.size();
        Object result = inbox.events().fire("TickFunction", "EveryMinute");
        assertThat(result).asString().startsWith("tick ");
        assertThat(TickHandler.EVENTS).hasSize(before + 1);
        var event = TickHandler.EVENTS.get(before);
        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getResources()).singleElement().asString().endsWith(":rule/TickFunction-EveryMinute");
        // the function reads its environment: the queue the template's !Ref names
        assertThat(TickHandler.ENVIRONMENT.get(before)).isEqualTo(queue("WorkQueue").url());
    }
}
