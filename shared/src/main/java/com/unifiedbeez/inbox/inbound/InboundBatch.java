package com.unifiedbeez.inbox.inbound;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.lambda.FifoBatch;
import java.util.List;
import com.unifiedbeez.inbox.event.RealtimeNudge;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of the inbound FIFO queue, in order. Each failure is classified ({@link InboundFailures}):
 * <ul>
 *   <li>permanent — the record (or one event of it) can never be stored: it is set aside in the
 *       bucket with its reason ({@link InboundRejects}), and the batch goes on. It must not hold the
 *       customer's later messages for the whole redrive period only to end in the DLQ;</li>
 *   <li>transient — processing stops: that record and every later one are reported as failures
 *       ({@link FifoBatch}), so SQS delivers them again in the same order (order within a group is
 *       sacred, and a later record may depend on an earlier one). A record that keeps failing (a
 *       bug, a long outage) reaches the dead-letter queue after maxReceiveCount receives, and its
 *       alarm.</li>
 * </ul>
 */
@Singleton
public final class InboundBatch {
    private static final Logger LOG = LoggerFactory.getLogger(InboundBatch.class);

    private final InboundProcessor processor;
    private final PayloadClaims claims;
    private final InboundRejects rejects;
    private final RealtimeNudge nudge;

    @Inject
    public InboundBatch(InboundProcessor processor, PayloadClaims claims, InboundRejects rejects, RealtimeNudge nudge) {
        this.processor = processor;
        this.claims = claims;
        this.rejects = rejects;
        this.nudge = nudge;
    }

    /** The message ids to report as batch item failures (empty: the whole batch is done). */
    public List<String> process(List<SQSMessage> records) {
        // one realtime nudge per organization of the batch, not one per record
        return nudge.batched(() -> FifoBatch.process(records, this::process));
    }

    /** Whether the record is done with: stored, or set aside for good. False: try it again later. */
    private boolean process(SQSMessage record) {
        InboundEnvelope envelope = null;
        try {
            envelope = claims.redeem(envelope(record));
            InboundProcessor.Outcome outcome = processor.process(envelope);
            for (InboundProcessor.Rejection rejected : outcome.rejected()) {
                rejects.setAside(record.getMessageId(), envelope, rejected.index(), rejected.failure());
            }
            return true;
        } catch (RuntimeException e) {
            if (!InboundFailures.permanent(e)) {
                LOG.error("inbound record {} failed (receive #{}), will be retried", record.getMessageId(),
                        FifoBatch.receiveCount(record), e);
                return false;
            }
            try {
                rejects.setAside(record.getMessageId(), envelope, record.getBody(), e);
                return true;
            } catch (RuntimeException notKept) {
                LOG.error("inbound record {} cannot be set aside, will be retried", record.getMessageId(), notKept);
                return false;
            }
        }
    }

    /** The queued envelope; a body that is not one is a {@link PermanentFailure}. */
    static InboundEnvelope envelope(SQSMessage record) {
        InboundEnvelope envelope;
        try {
            envelope = Json.mapper().readValue(record.getBody(), InboundEnvelope.class);
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("record body is not an inbound envelope: " + e.getOriginalMessage());
        }
        if (envelope == null || envelope.channel() == null || envelope.connectionId() == null
                || envelope.organizationId() == null || (envelope.payload() == null && envelope.payloadKey() == null)) {
            throw new PermanentFailure("record body lacks channel, connectionId, organizationId or payload");
        }
        return envelope;
    }
}
