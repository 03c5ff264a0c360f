package com.unifiedbeez.inbox.inbound;

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

/** The inbound queue on SQS FIFO, sent in batches of ten (the SQS maximum). */
@Singleton
public final class SqsInboundQueue implements InboundQueue {
    public static final String QUEUE_URL = "INBOX_INBOUND_QUEUE_URL";
    private static final int BATCH = 10;
    /** SQS limit for MessageGroupId and MessageDeduplicationId. */
    private static final int MAX_ID = 128;

    private final SqsClient sqs;
    private final String queueUrl;

    @Inject
    public SqsInboundQueue(SqsClient sqs, Config config) {
        this.sqs = sqs;
        this.queueUrl = config.require(QUEUE_URL);
    }

    @Override
    public void enqueue(List<InboundEnvelope> envelopes) {
        for (int from = 0; from < envelopes.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<InboundEnvelope> batch = envelopes.subList(from, Math.min(from + BATCH, envelopes.size()));
            for (int i = 0; i < batch.size(); i++) {
                InboundEnvelope envelope = batch.get(i);
                entries.add(SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i))
                        .messageGroupId(groupId(envelope))
                        .messageDeduplicationId(deduplicationId(envelope))
                        .messageBody(Json.write(envelope))
                        .build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("inbound queue refused " + response.failed().size() + " of "
                        + entries.size() + " envelopes: " + response.failed().get(0).message());
            }
        }
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
