package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.MediaUnavailable;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Transient or permanent: what the inbound batch does with a failure (DESIGN.md, "Failures").
 * Transient (a platform's 5xx or 429, a timeout, the database or S3 unreachable, a deadlock) is
 * retried through the queue. Permanent is what the same input will always meet again:
 * <ul>
 *   <li>{@link PermanentFailure}: the payload or the record itself is unreadable;</li>
 *   <li>PostgreSQL refusing the data, whatever the moment: SQLSTATE class 22 (data exception:
 *       a value out of range, an invalid text representation, an untranslatable character),
 *       23502 (a required value missing) and 23514 (a check constraint).</li>
 * </ul>
 * Anything else counts as transient: a bug of ours keeps failing, reaches the dead-letter queue
 * after maxReceiveCount receives and raises its alarm — the DLQ is for bugs.
 * (A media file a platform refuses for good never gets here: the adapter says so with
 * {@link MediaUnavailable} and the message is stored without it.)
 */
public final class InboundFailures {
    private static final Set<String> PERMANENT_STATES = Set.of("23502", "23514");

    private InboundFailures() {
    }

    public static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PermanentFailure) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || PERMANENT_STATES.contains(state);
            }
        }
        return false;
    }

    /**
     * Whether a failure of a normalizer's {@code normalizeIncoming} is worth another try: only I/O
     * (the email normalizer reads the raw mail from S3). Anything else it throws is about the
     * payload, which will be the same next time.
     */
    static boolean transientIo(RuntimeException failure) {
        return failure instanceof UncheckedIOException || failure instanceof SdkException;
    }
}
