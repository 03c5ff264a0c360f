package com.unifiedbeez.inbox.functions.outboundsender;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.outbound.JsonPlatformSender;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testkit.SqsEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real handler on embedded PostgreSQL, a FIFO queue in ElasticMQ (visibility timeout 30 s, as
 * the outbound queue's is long), S3Proxy and a local HTTP platform speaking to the WhatsApp sender slot.
 */
final class SenderHarness {
    static final int QUEUE_VISIBILITY_SECONDS = 30;
    static final String QUEUE = LocalAws.createQueue(LocalAws.unique("outbound") + ".fifo", true,
            Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(QUEUE_VISIBILITY_SECONDS)));
    static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    static final Config CONFIG = LocalAws.config(TestDatabase.config())
            .with(SqsOutboundQueue.QUEUE_URL, QUEUE)
            .with(S3MediaStorage.BUCKET, BUCKET);
    static final MockWebServer PLATFORM = start();
    static final OutboundSenderHandler HANDLER = new OutboundSenderHandler(DaggerLocalPlatformComponent.factory()
            .create(CONFIG, new JsonPlatformSender(Channel.WHATSAPP, PLATFORM.url("/v1").toString())));

    private SenderHarness() {
    }

    private static MockWebServer start() {
        MockWebServer server = new MockWebServer();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    /** What is receivable now (up to 10, one receive with a short wait), as the event source mapping receives. */
    static List<Message> receive(int waitSeconds) {
        return LocalAws.sqs().receiveMessage(r -> r.queueUrl(QUEUE).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /** Empties the queue, leftovers of other tests included. */
    static void drain() {
        LocalAws.sqs().purgeQueue(p -> p.queueUrl(QUEUE));
    }

    /** The event Lambda builds from a receive. */
    static SQSEvent event(List<Message> batch) {
        return SqsEvents.event(batch, LocalAws.queueArn(QUEUE), LocalAws.REGION);
    }

    /**
     * One invocation as Lambda makes it for a FIFO queue with ReportBatchItemFailures: the records
     * before the first reported failure are deleted, that one and every later one stay.
     */
    static SQSBatchResponse invoke(List<Message> batch) {
        SQSBatchResponse response = HANDLER.handleRequest(event(batch), null);
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message m : batch) {
            if (failed.contains(m.messageId())) {
                break;
            }
            LocalAws.sqs().deleteMessage(d -> d.queueUrl(QUEUE).receiptHandle(m.receiptHandle()));
        }
        return response;
    }

    static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
