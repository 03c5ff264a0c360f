package com.unifiedbeez.inbox.channel;

import java.time.Instant;
import java.util.List;

/**
 * The connections a channel polls itself (email) and what it saw of them; implemented over
 * PostgreSQL by connection.ConnectionStore, so the adapter need not know where health is kept.
 */
public interface ObservedConnections {
    /** Failures in a row, seen by the system itself, that make a live connection 'error'. */
    int FAILURES_TO_ERROR = 3;

    /**
     * Every live connection of a channel (active or error), across organizations, oldest first. A
     * connection in error is included, so its recovery is seen.
     */
    List<ChannelConnection> listLive(Channel channel);

    /**
     * Records what the system saw itself using the connection: a success clears the failure count and
     * makes an {@code error} connection {@code active} again; a failure counts, and the
     * {@value #FAILURES_TO_ERROR}rd in a row makes a live connection {@code error}. A disconnected
     * connection stays as it is.
     */
    Observed recordObserved(ChannelConnection connection, boolean ok, String detail, Instant at);

    /** What {@link #recordObserved} left: the connection's status and its failures in a row. */
    record Observed(String status, int consecutiveFailures) {
    }
}
