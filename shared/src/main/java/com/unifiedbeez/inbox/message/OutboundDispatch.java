package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a stored send to the outbound queue and records that it did. A failed hand-off is logged,
 * not thrown: the message is safely stored as queued, and the sweeper re-queues it.
 */
@Singleton
public final class OutboundDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDispatch.class);

    private final Database database;
    private final OutboundQueue queue;

    @Inject
    public OutboundDispatch(Database database, OutboundQueue queue) {
        this.database = database;
        this.queue = queue;
    }

    /** True when the queue took the send. */
    public boolean dispatch(OutboundSend send) {
        try {
            queue.enqueue(send);
        } catch (RuntimeException e) {
            LOG.warn("message {} stays queued for the sweeper: enqueue failed: {}", send.messageId(), e.toString());
            return false;
        }
        database.transaction(c -> Sql.update(c, "UPDATE messages SET enqueued_at = now() WHERE id = ? AND enqueued_at IS NULL",
                send.messageId()));
        return true;
    }
}
