package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Re-queues sends that were stored but never reached the queue (SQS down, a crash between commit
 * and enqueue), and sends whose queue record is gone while the message is still queued (a record
 * reported failed untried behind another in a FIFO batch until it reached the DLQ): nothing
 * accepted stays queued for good. Runs on a schedule across all organizations; rows are locked
 * with SKIP LOCKED so overlapping runs never hand the same message over twice.
 */
@Singleton
public final class OutboundSweeper {
    /** Younger sends may still be on their way to the queue from the request that stored them. */
    public static final Duration GRACE = Duration.ofSeconds(60);
    /**
     * A send enqueued this long ago and still queued with no sender holding it has lost its queue
     * record: longer than the sender's whole retry schedule (5 attempts, backoff up to 15 min).
     */
    public static final Duration LOST_AFTER = Duration.ofHours(1);
    static final int BATCH = 500;

    /** What one run did. */
    public record Sweep(int found, int requeued) {
    }

    private final Database database;
    private final OutboundQueue queue;
    private final DeliveryTracker tracker;

    @Inject
    public OutboundSweeper(Database database, OutboundQueue queue, DeliveryTracker tracker) {
        this.database = database;
        this.queue = queue;
        this.tracker = tracker;
    }

    public Sweep sweep(Duration grace) {
        return database.transaction(c -> {
            List<OutboundSend> stranded = stranded(c, grace, BATCH);
            int requeued = 0;
            for (OutboundSend send : stranded) {
                try {
                    queue.enqueue(send);
                } catch (RuntimeException e) {
                    // The queue is still down: stop here, keep order, and try again on the next run.
                    break;
                }
                tracker.requeued(c, send.messageId());
                requeued++;
            }
            return new Sweep(stranded.size(), requeued);
        });
    }

    /**
     * SnapStart priming: a sweep's transaction and query with room for no row. PostgreSQL parses,
     * plans and runs the statement, but a LIMIT of 0 reads no row, so none is locked, re-queued or
     * updated: the warm-up changes nothing, whatever is stranded at the time.
     */
    public void warmUp() {
        database.transaction(c -> stranded(c, GRACE, 0));
    }

    private static List<OutboundSend> stranded(Connection c, Duration grace, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT id, organization_id, conversation_id FROM messages
                 WHERE status = 'queued'
                   AND ((enqueued_at IS NULL AND queued_at < now() - ?::interval)
                        OR (enqueued_at < now() - ?::interval
                            AND (send_lease_until IS NULL OR send_lease_until < now())))
                 ORDER BY queued_at, id
                 LIMIT ?
                 FOR UPDATE SKIP LOCKED""",
                r -> new OutboundSend(Sql.uuid(r, "id"), Sql.uuid(r, "organization_id"), Sql.uuid(r, "conversation_id")),
                grace.toMillis() + " milliseconds", LOST_AFTER.toSeconds() + " seconds", limit);
    }
}
