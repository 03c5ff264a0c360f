package com.unifiedbeez.inbox.inbound;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of the inbound FIFO queue, in order. At the first record that fails, processing stops:
 * that record and every later one are reported as failures, so SQS delivers them again in the
 * same order (order within a group is sacred, and a later record may depend on an earlier one). A
 * record that keeps failing reaches the dead-letter queue after maxReceiveCount receives and
 * unblocks its group; nothing is lost on the way.
 */
@Singleton
public final class InboundBatch {
    private static final Logger LOG = LoggerFactory.getLogger(InboundBatch.class);

    private final InboundProcessor processor;

    @Inject
    public InboundBatch(InboundProcessor processor) {
        this.processor = processor;
    }

    /** The message ids to report as batch item failures (empty: the whole batch is done). */
    public List<String> process(List<SQSMessage> records) {
        for (int i = 0; i < records.size(); i++) {
            SQSMessage record = records.get(i);
            try {
                processor.process(envelope(record));
            } catch (RuntimeException e) {
                LOG.error("inbound record {} failed (receive #{}); it and {} later record(s) go back to the queue",
                        record.getMessageId(), receiveCount(record), records.size() - i - 1, e);
                return records.subList(i, records.size()).stream().map(SQSMessage::getMessageId).toList();
            }
        }
        return List.of();
    }

    /** The queued envelope; a body that is not one fails like any record (and ends in the DLQ). */
    static InboundEnvelope envelope(SQSMessage record) {
        InboundEnvelope envelope;
        try {
            envelope = Json.mapper().readValue(record.getBody(), InboundEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record body is not an inbound envelope: " + e.getOriginalMessage());
        }
        if (envelope == null || envelope.channel() == null || envelope.connectionId() == null
                || envelope.organizationId() == null || envelope.payload() == null) {
            throw new IllegalArgumentException("record body lacks channel, connectionId, organizationId or payload");
        }
        return envelope;
    }

    private static String receiveCount(SQSMessage record) {
        return record.getAttributes() == null ? "?" : record.getAttributes().getOrDefault("ApproximateReceiveCount", "?");
    }
}
