package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.platform.db.Database;
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
    private final DeliveryTracker tracker;

    @Inject
    public OutboundDispatch(Database database, OutboundQueue queue, DeliveryTracker tracker) {
        this.database = database;
        this.queue = queue;
        this.tracker = tracker;
    }

    /** True when the queue took the send. */
    public boolean dispatch(OutboundSend send) {
        try {
            queue.enqueue(send);
        } catch (RuntimeException e) {
            LOG.warn("message {} stays queued for the sweeper: enqueue failed: {}", send.messageId(), e.toString());
            return false;
        }
        database.transaction(c -> {
            tracker.enqueued(c, send.messageId());
            return null;
        });
        return true;
    }
}
