package com.unifiedbeez.inbox.realtime;

import java.time.Instant;

/**
 * A user's presence as stored: the status they chose ({@code null}: automatic), the automatic one
 * ({@code ONLINE} while a connection heartbeats, {@code AWAY} after, {@code OFFLINE} before any
 * connection) and, while automatically online, when the heartbeat lapses.
 */
record PresenceState(PresenceStatus chosen, PresenceStatus automatic, Instant heartbeatDeadline) {
    static final PresenceState NONE = new PresenceState(null, PresenceStatus.OFFLINE, null);

    /** What others see: a chosen status sticks over the automatic one. */
    PresenceStatus effective() {
        return chosen != null ? chosen : automatic;
    }

    /** Choosing {@code online} returns to automatic. */
    PresenceState choosing(PresenceStatus status) {
        return new PresenceState(status == PresenceStatus.ONLINE ? null : status, automatic, heartbeatDeadline);
    }

    PresenceState online(Instant deadline) {
        return new PresenceState(chosen, PresenceStatus.ONLINE, deadline);
    }

    PresenceState away() {
        return new PresenceState(chosen, PresenceStatus.AWAY, null);
    }
}
