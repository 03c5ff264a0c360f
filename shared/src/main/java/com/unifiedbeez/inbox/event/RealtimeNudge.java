package com.unifiedbeez.inbox.event;

import java.util.UUID;

/**
 * Tells the fan-out that an organization has new events, after the transaction that wrote them
 * committed. Best effort by design: a nudge lost (the process died after the commit, the queue was
 * unreachable) only delays the events until the realtime sweeper's next pass; it never loses one.
 */
public interface RealtimeNudge {
    void nudge(UUID organizationId);
}
