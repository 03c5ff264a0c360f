package com.unifiedbeez.inbox.realtime;

import java.time.Duration;
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
    /** Longer than a {@code $connect} may take (its function's timeout). */
    static final Duration HANDSHAKE = Duration.ofSeconds(15);
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
        for (String id : gone) {
            if (!connecting(id, now)) {
                connections.remove(id);
            }
        }
        return removed;
    }

    /**
     * Every connection of {@code ids} found gone by a push — except one still in its handshake:
     * {@code @connections} answers 410 for a connection until its {@code $connect} has returned, so
     * a push in that window says nothing about it (what it missed, it catches up with {@code since}).
     */
    public void gone(List<String> ids) {
        Instant now = Instant.now();
        for (String id : ids) {
            if (!connecting(id, now)) {
                closed(id);
            }
        }
    }

    private boolean connecting(String id, Instant now) {
        return connections.find(id, now).map(c -> c.connectedAt().isAfter(now.minus(HANDSHAKE))).orElse(false);
    }
}
