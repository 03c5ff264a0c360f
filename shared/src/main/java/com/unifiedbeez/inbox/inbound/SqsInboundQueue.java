package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.InboundQueue;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The inbound queue on SQS FIFO, sent in batches of at most ten messages and 256 KiB (both SQS
 * limits, the size one for the batch as a whole). An envelope that alone would pass the size limit
 * goes through the bucket ({@link PayloadClaims}) and a small envelope naming it is queued.
 */
@Singleton
public final class SqsInboundQueue implements InboundQueue {
    public static final String QUEUE_URL = "INBOX_INBOUND_QUEUE_URL";
    private static final int BATCH = 10;
    /** SQS's limit for a message, and for the sum of a batch's messages (docs: Amazon SQS message quotas). */
    static final int MAX_BYTES = 256 * 1024;
    /** SQS limit for MessageGroupId and MessageDeduplicationId. */
    private static final int MAX_ID = 128;

    private final SqsClient sqs;
    private final String queueUrl;
    private final PayloadClaims claims;

    @Inject
    public SqsInboundQueue(SqsClient sqs, Config config, PayloadClaims claims) {
        this.sqs = sqs;
        this.queueUrl = config.require(QUEUE_URL);
        this.claims = claims;
    }

    /** Without a bucket: an envelope over the size limit is refused (IllegalStateException), as SQS would. */
    public SqsInboundQueue(SqsClient sqs, Config config) {
        this(sqs, config, null);
    }

    @Override
    public void enqueue(List<InboundEnvelope> envelopes) {
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        int batchBytes = 0;
        for (InboundEnvelope envelope : envelopes) {
            String deduplicationId = deduplicationId(envelope);
            String body = Json.write(envelope);
            if (bytes(body) > MAX_BYTES) {
                if (claims == null) {
                    throw new IllegalStateException("an inbound envelope of " + bytes(body) + " bytes is over the SQS limit");
                }
                body = Json.write(claims.check(envelope, deduplicationId));
            }
            int size = bytes(body);
            if (batch.size() == BATCH || batchBytes + size > MAX_BYTES) {
                send(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(batch.size()))
                    .messageGroupId(groupId(envelope))
                    .messageDeduplicationId(deduplicationId)
                    .messageBody(body)
                    .build());
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("inbound queue refused " + response.failed().size() + " of "
                    + entries.size() + " envelopes: " + response.failed().get(0).message());
        }
    }

    private static int bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** One group per conversation: the connection and the customer. */
    static String groupId(InboundEnvelope envelope) {
        String group = envelope.connectionId() + ":" + envelope.customer();
        return group.length() <= MAX_ID ? group : envelope.connectionId() + ":" + sha256(envelope.customer());
    }

    /** The same payload on the same connection is the same delivery, whoever sends it again. */
    static String deduplicationId(InboundEnvelope envelope) {
        return sha256(envelope.connectionId() + "\n" + envelope.payload());
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
