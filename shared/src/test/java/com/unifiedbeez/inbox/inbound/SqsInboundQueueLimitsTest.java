package com.unifiedbeez.inbox.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchRequestTooLongException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The inbound queue keeps within SQS's size limits: 256 KiB per message (else a claim check) and
 * 256 KiB for the sum of a SendMessageBatch's messages. ElasticMQ checks the first only, so the
 * client here refuses an oversized batch as SQS does (BatchRequestTooLong) before handing it on.
 */
class SqsInboundQueueLimitsTest {
    private static final int LIMIT = 256 * 1024;

    private final String queueUrl = LocalAws.createQueue(LocalAws.unique("inbound-limits"), true);
    private final String bucket = LocalAws.createBucket(LocalAws.unique("media-limits"));
    private final List<Integer> batchSizes = new ArrayList<>();

    /** ElasticMQ behind SQS's batch size check. */
    private final SqsClient sqs = new SqsClient() {
        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            int bytes = request.entries().stream()
                    .mapToInt(e -> e.messageBody().getBytes(StandardCharsets.UTF_8).length).sum();
            if (bytes > LIMIT) {
                throw BatchRequestTooLongException.builder()
                        .message("Batch requests cannot be longer than 262144 bytes. You have sent " + bytes + " bytes.")
                        .build();
            }
            batchSizes.add(request.entries().size());
            return LocalAws.sqs().sendMessageBatch(request);
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    };

    private final SqsInboundQueue queue = new SqsInboundQueue(sqs,
            LocalAws.config().with(SqsInboundQueue.QUEUE_URL, queueUrl).with(S3MediaStorage.BUCKET, bucket),
            new PayloadClaims(() -> new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                    LocalAws.config().with(S3MediaStorage.BUCKET, bucket))));

    private static InboundEnvelope envelope(UUID connection, int customer, int payloadLength) {
        String payload = ("{\"customer\":" + customer + ",\"text\":\"" + "x".repeat(payloadLength) + "\"}");
        return new InboundEnvelope("whatsapp", connection, UUID.randomUUID(), "1650555" + customer, Instant.now(), payload);
    }

    private static InboundEnvelope parse(String body) {
        try {
            return Json.mapper().readValue(body, InboundEnvelope.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Message> drain() {
        List<Message> all = new ArrayList<>();
        List<Message> batch;
        do {
            batch = LocalAws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(60)).messages();
            all.addAll(batch);
        } while (!batch.isEmpty());
        return all;
    }

    @Test
    void tenEnvelopesOfFortyKilobytesGoOutInBatchesUnderTheLimit() {
        UUID connection = UUID.randomUUID();
        List<InboundEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            envelopes.add(envelope(connection, i, 40 * 1024));
        }

        queue.enqueue(envelopes);

        assertThat(batchSizes).hasSizeGreaterThan(1);
        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        List<Message> queued = drain();
        assertThat(queued).hasSize(10);
        assertThat(queued).extracting(m -> parse(m.body()).payload())
                .containsExactlyInAnyOrderElementsOf(envelopes.stream().map(InboundEnvelope::payload).toList());
    }

    @Test
    void anEnvelopeOverTheLimitIsQueuedAsAClaimOnTheBucket() {
        InboundEnvelope big = envelope(UUID.randomUUID(), 1, LIMIT);

        queue.enqueue(List.of(big));

        List<Message> queued = drain();
        assertThat(queued).hasSize(1);
        InboundEnvelope claim = parse(queued.get(0).body());
        assertThat(claim.payload()).isNull();
        assertThat(claim.payloadKey()).startsWith(PayloadClaims.PREFIX);
        assertThat(new PayloadClaims(() -> new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                LocalAws.config().with(S3MediaStorage.BUCKET, bucket))).redeem(claim)).isEqualTo(big);
    }
}
