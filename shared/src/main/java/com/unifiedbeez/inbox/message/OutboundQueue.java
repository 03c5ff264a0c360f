package com.unifiedbeez.inbox.message;

import java.util.UUID;

/** Where accepted sends wait for the outbound sender: an SQS FIFO queue in AWS and locally. */
public interface OutboundQueue {
    /** A send to deliver; FIFO group = conversation (order kept per conversation), dedup = message id. */
    record OutboundSend(UUID messageId, UUID organizationId, UUID conversationId) {
    }

    /** Throws if the queue did not take it; the message stays queued and the sweeper retries. */
    void enqueue(OutboundSend send);
}
