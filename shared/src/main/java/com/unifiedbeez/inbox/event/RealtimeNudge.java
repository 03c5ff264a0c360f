package com.unifiedbeez.inbox.event;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Tells the fan-out that an organization has new events, after the transaction that wrote them
 * committed. Best effort by design: a nudge lost (the process died after the commit, the queue was
 * unreachable) only delays the events until the realtime sweeper's next pass; it never loses one.
 */
public interface RealtimeNudge {
    void nudge(UUID organizationId);

    /**
     * Runs {@code work} with this thread's nudges held back, then sends one per organization: a
     * consumer storing a batch of records nudges once per batch instead of once per record. The
     * records' events are pushed when the batch ends — under load at most a batch's time later; at
     * low load a batch is one record.
     */
    default <T> T batched(Supplier<T> work) {
        return work.get();
    }
}
