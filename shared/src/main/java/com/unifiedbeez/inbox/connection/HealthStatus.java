package com.unifiedbeez.inbox.connection;

/**
 * What the latest look at a connection's account saw ({@code channel_connections.last_health_status}):
 * one word for the API's health check, connect and the email poller alike. Not the connection's
 * status, which only the system's own repeated failures move (see
 * {@link ConnectionStore#recordObserved}).
 */
public enum HealthStatus {
    OK("ok"), FAILED("failed");

    private final String wireName;

    HealthStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static HealthStatus of(boolean healthy) {
        return healthy ? OK : FAILED;
    }
}
