package com.unifiedbeez.inbox.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A connection that closed ({@code $disconnect}) or was found gone (410 from {@code @connections}):
 * its item is deleted at once, it leaves the conversations it viewed (their viewers are told), and
 * its user's presence goes {@code away} if it was their last connection (the organization is told).
 * Connections found gone while telling them are only deleted: their viewers and presence lapse on
 * their own (a minute), so cleaning up never recurses.
 */
@Singleton
public final class ConnectionCleanup {
    private final ConnectionRegistry connections;
    private final ConversationViewers viewers;
    private final PresenceBoard presence;
    private final LiveSignals signals;

    @Inject
    public ConnectionCleanup(ConnectionRegistry connections, ConversationViewers viewers, PresenceBoard presence,
                             LiveSignals signals) {
        this.connections = connections;
        this.viewers = viewers;
        this.presence = presence;
        this.signals = signals;
    }

    /** Cleans up after {@code connectionId}; empty when it was unknown (cleaned up already). */
    public Optional<LiveConnection> closed(String connectionId) {
        Instant now = Instant.now();
        Optional<LiveConnection> removed = connections.remove(connectionId);
        if (removed.isEmpty()) {
            return removed;
        }
        LiveConnection connection = removed.get();
        List<String> gone = new ArrayList<>();
        for (UUID conversationId : viewers.leaveAll(connection, now)) {
            gone.addAll(signals.viewers(connection.organizationId(), conversationId, null, now));
        }
        presence.disconnected(connection.organizationId(), connection.userId(), now)
                .ifPresent(change -> gone.addAll(signals.presence(change, now)));
        gone.forEach(connections::remove);
        return removed;
    }

    /** Every connection of {@code ids} found gone by a push. */
    public void gone(List<String> ids) {
        ids.forEach(this::closed);
    }
}
