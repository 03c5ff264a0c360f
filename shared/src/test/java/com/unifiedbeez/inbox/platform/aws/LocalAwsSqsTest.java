package com.unifiedbeez.inbox.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.testing.LocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/** SQS as the inbox uses it, against ElasticMQ through the same client SqsModule builds. */
class LocalAwsSqsTest {
    private final SqsClient sqs = LocalAws.sqs();

    private List<Message> receive(String queueUrl, int max, int visibilityTimeout) {
        ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
                .visibilityTimeout(visibilityTimeout).waitTimeSeconds(0)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL));
        return response.messages();
    }

    private void delete(String queueUrl, Message m) {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
    }

    @Test
    void theModuleBuildsClientsForTheLocalEndpoints() {
        try (SqsClient client = SqsModule.sqsClient(LocalAws.config())) {
            String url = LocalAws.createQueue(LocalAws.unique("module"), false);
            client.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
            assertThat(receive(url, 10, 30)).extracting(Message::body).containsExactly("hello");
        }
    }

    @Test
    void fifoDeduplicatesByMessageDeduplicationId() {
        String url = LocalAws.createQueue(LocalAws.unique("dedup"), true);
        assertThat(url).endsWith(".fifo");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.ALL))
                .attributes()).containsEntry(QueueAttributeName.FIFO_QUEUE, "true")
                .containsEntry(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");

        var first = sqs.sendMessage(b -> b.queueUrl(url).messageBody("send m-1").messageGroupId("conv-1")
                .messageDeduplicationId("m-1"));
        // a retried enqueue of the same message (same id) with another body: still a duplicate
        var retry = sqs.sendMessage(b -> b.queueUrl(url).messageBody("send m-1 again").messageGroupId("conv-1")
                .messageDeduplicationId("m-1"));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("send m-2").messageGroupId("conv-1")
                .messageDeduplicationId("m-2"));
        assertThat(retry.messageId()).isEqualTo(first.messageId());

        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5 && bodies.size() < 2; i++) {
            for (Message m : receive(url, 10, 30)) {
                bodies.add(m.body());
                delete(url, m);
            }
        }
        assertThat(bodies).containsExactly("send m-1", "send m-2");
        assertThat(receive(url, 10, 30)).isEmpty();
    }

    @Test
    void fifoKeepsOrderWithinAMessageGroupAndHoldsTheGroupWhileOneIsInFlight() {
        String url = LocalAws.createQueue(LocalAws.unique("order"), true);
        for (int i = 1; i <= 6; i++) {
            String n = Integer.toString(i);
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("a" + n).messageGroupId("A").messageDeduplicationId("a" + n));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("b" + n).messageGroupId("B").messageDeduplicationId("b" + n));
        }
        // one message of group A in flight: no later A is delivered, B still is
        Message a1 = receive(url, 1, 30).get(0);
        assertThat(a1.body()).isEqualTo("a1");
        assertThat(a1.attributes()).containsEntry(MessageSystemAttributeName.MESSAGE_GROUP_ID, "A")
                .containsKey(MessageSystemAttributeName.SEQUENCE_NUMBER);
        List<Message> next = receive(url, 10, 30);
        assertThat(next).extracting(Message::body).isNotEmpty().allMatch(b -> b.startsWith("b"));
        next.forEach(m -> delete(url, m));
        delete(url, a1);

        List<String> a = new ArrayList<>(List.of("a1"));
        List<String> b = new ArrayList<>();
        next.forEach(m -> b.add(m.body()));
        for (int round = 0; round < 20 && (a.size() < 6 || b.size() < 6); round++) {
            for (Message m : receive(url, 10, 30)) {
                (m.body().startsWith("a") ? a : b).add(m.body());
                delete(url, m);
            }
        }
        assertThat(a).containsExactly("a1", "a2", "a3", "a4", "a5", "a6");
        assertThat(b).containsExactly("b1", "b2", "b3", "b4", "b5", "b6");
    }

    @Test
    void aMessageReceivedMaxReceiveCountTimesGoesToTheDeadLetterQueue() throws Exception {
        String dlq = LocalAws.createQueue(LocalAws.unique("poison-dlq"), true);
        String url = LocalAws.createQueueWithDlq(LocalAws.unique("poison"), true, dlq, 3, 30);
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().get(QueueAttributeName.REDRIVE_POLICY)).contains(LocalAws.queueArn(dlq));
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("poison").messageGroupId("g").messageDeduplicationId("p1"));

        for (int attempt = 1; attempt <= 3; attempt++) {
            // a consumer that fails: the message comes back once its visibility timeout (here 1 s) is over
            List<Message> got = receiveWithin(url, Duration.ofSeconds(5));
            assertThat(got).as("attempt " + attempt).singleElement()
                    .satisfies(m -> assertThat(m.body()).isEqualTo("poison"));
            assertThat(got.get(0).attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .isEqualTo(Integer.toString(attempt));
        }
        Thread.sleep(1_200);
        assertThat(receive(url, 10, 1)).as("moved to the DLQ on the receive after the 3rd").isEmpty();
        List<Message> dead = receive(dlq, 10, 30);
        assertThat(dead).extracting(Message::body).containsExactly("poison");
    }

    private List<Message> receiveWithin(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> got = receive(url, 10, 1);
            if (!got.isEmpty()) {
                return got;
            }
            Thread.sleep(100);
        }
        return List.of();
    }

    @Test
    void sqsCanBeTakenDownAndBroughtBackWithItsMessages() {
        String url = LocalAws.createQueue(LocalAws.unique("outage"), true);
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("before").messageGroupId("g").messageDeduplicationId("1"));
        LocalAws.stopSqs();
        try {
            assertThat(LocalAws.sqsAvailable()).isFalse();
            assertThatThrownBy(() -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("during").messageGroupId("g")
                    .messageDeduplicationId("2"))).isInstanceOf(SdkClientException.class);
        } finally {
            LocalAws.startSqs();
        }
        assertThat(LocalAws.sqsAvailable()).isTrue();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("after").messageGroupId("g").messageDeduplicationId("3"));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 5 && bodies.size() < 2; i++) {
            for (Message m : receive(url, 10, 30)) {
                bodies.add(m.body());
                delete(url, m);
            }
        }
        assertThat(bodies).containsExactly("before", "after");
    }

    @Test
    void anUnreachableEndpointFailsFast() {
        try (SqsClient down = AwsClients.sqs(LocalAws.unreachableSqsConfig())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> down.sendMessage(b -> b.queueUrl(LocalAws.sqsEndpoint() + "/000000000000/x")
                    .messageBody("x"))).isInstanceOf(SdkClientException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void withoutAnEndpointTheClientsAreForAwsWithTheConfiguredRegion() {
        var config = com.unifiedbeez.inbox.platform.config.Config.of(Map.of(AwsConfig.REGION, "eu-west-1"));
        try (SqsClient client = AwsClients.sqs(config); var s3 = AwsClients.s3(config)) {
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
            assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
            assertThat(s3.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
        }
        try (SqsClient client = AwsClients.sqs(com.unifiedbeez.inbox.platform.config.Config.of(Map.of()))) {
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo(AwsConfig.DEFAULT_REGION);
        }
    }
}
