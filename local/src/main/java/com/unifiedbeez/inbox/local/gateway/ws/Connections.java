package com.unifiedbeez.inbox.local.gateway.ws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open connections by id (what @connections finds), each watched for API Gateway's idle and
 * lifetime limits: past either, the connection is closed with 1001 "Going away".
 */
final class Connections {
    private static final Logger LOG = LoggerFactory.getLogger("gateway.ws");
    static final int GOING_AWAY = 1001;
    static final String GOING_AWAY_REASON = "Going away";

    private final Map<String, Connection> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final WebSocketLimits limits;

    Connections(ScheduledExecutorService timers, WebSocketLimits limits) {
        this.timers = timers;
        this.limits = limits;
    }

    /** The upgrade is done: the connection can be found, and its limits run from its connectedAt. */
    void add(Connection connection) {
        open.put(connection.id(), connection);
        long lifetimeLeft = connection.connectedAt() + limits.lifetime().toMillis() - System.currentTimeMillis();
        connection.lifetimeTimer(timers.schedule(() -> expire(connection, "lifetime of " + limits.lifetime() + " reached"),
                Math.max(0, lifetimeLeft), TimeUnit.MILLISECONDS));
        watchIdle(connection, limits.idle().toMillis());
    }

    void remove(Connection connection) {
        open.remove(connection.id(), connection);
        connection.cancelTimers();
    }

    Optional<Connection> get(String id) {
        return Optional.ofNullable(open.get(id)).filter(Connection::isOpen);
    }

    List<Connection> all() {
        return List.copyOf(open.values());
    }

    int size() {
        return open.size();
    }

    private void watchIdle(Connection connection, long delayMs) {
        connection.idleTimer(timers.schedule(() -> {
            long idleFor = System.currentTimeMillis() - connection.lastActiveAt();
            long left = limits.idle().toMillis() - idleFor;
            if (left <= 0) {
                expire(connection, "idle for " + idleFor + " ms");
            } else if (open.get(connection.id()) == connection) {
                watchIdle(connection, left);
            }
        }, delayMs, TimeUnit.MILLISECONDS));
    }

    private void expire(Connection connection, String why) {
        if (open.get(connection.id()) == connection) {
            LOG.info("closing {} ({}): {} {}", connection.id(), why, GOING_AWAY, GOING_AWAY_REASON);
            connection.close(GOING_AWAY, GOING_AWAY_REASON);
        }
    }
}
