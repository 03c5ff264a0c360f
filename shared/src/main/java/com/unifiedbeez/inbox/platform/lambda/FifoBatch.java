package com.unifiedbeez.inbox.platform.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of an SQS FIFO queue consumed with ReportBatchItemFailures: records are handled one by
 * one in batch order, and at the first one that is not done with, it and every later record of the
 * batch are reported as batch item failures without being tried, so SQS hands them back in the same
 * order. Later records of other message groups are held too: the stricter of the two rules AWS
 * allows (the Lambda guide's "stop processing after the first failure"), the one our design asks
 * for; the held groups come back with the next receive.
 *
 * <p>Each consumer decides what "done with" means for its records (stored, sent, set aside for
 * good); a handler that throws leaves its record to be tried again, as one that answers false.
 */
public final class FifoBatch {
    private static final Logger LOG = LoggerFactory.getLogger(FifoBatch.class);

    /** One record's handling. */
    @FunctionalInterface
    public interface RecordHandler {
        /** True when the record is done with; false when SQS must hand it over again. */
        boolean done(SQSMessage record);
    }

    private FifoBatch() {
    }

    /** The message ids to report as batch item failures, in batch order; empty when the whole batch is done. */
    public static List<String> process(List<SQSMessage> records, RecordHandler handler) {
        List<SQSMessage> batch = records == null ? List.of() : records;
        for (int i = 0; i < batch.size(); i++) {
            SQSMessage record = batch.get(i);
            if (!done(record, handler)) {
                LOG.warn("record {} and {} later record(s) go back to the queue", record.getMessageId(),
                        batch.size() - i - 1);
                return batch.subList(i, batch.size()).stream().map(SQSMessage::getMessageId).toList();
            }
        }
        return List.of();
    }

    /** {@link #process} as the answer Lambda expects. */
    public static SQSBatchResponse response(List<SQSMessage> records, RecordHandler handler) {
        return response(process(records, handler));
    }

    /** These message ids as Lambda's partial batch response. */
    public static SQSBatchResponse response(List<String> failures) {
        return new SQSBatchResponse(failures.stream().map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    /** How many times SQS has handed the record over, this time included (1 when Lambda did not say). */
    public static int receiveCount(SQSMessage record) {
        Map<String, String> attributes = record.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        return count == null ? 1 : Integer.parseInt(count);
    }

    private static boolean done(SQSMessage record, RecordHandler handler) {
        try {
            return handler.done(record);
        } catch (RuntimeException e) {
            LOG.error("record {} failed (receive #{}), will be retried", record.getMessageId(), receiveCount(record), e);
            return false;
        }
    }
}
