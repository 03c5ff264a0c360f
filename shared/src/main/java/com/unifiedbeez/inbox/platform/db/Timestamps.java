package com.unifiedbeez.inbox.platform.db;

import java.time.Instant;

/**
 * The instants a request may carry into SQL: four-digit years, 0001-01-01 to 9999-12-31. PostgreSQL's
 * {@code timestamptz} ends at 294276 AD and starts at 4713 BC, while {@link Instant} reaches a
 * billion years either way, so an unchecked instant from a client is a database error (a 500).
 */
public final class Timestamps {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** Exclusive. */
    public static final Instant MAX = Instant.parse("+10000-01-01T00:00:00Z");

    private Timestamps() {
    }

    public static boolean storable(Instant instant) {
        return !instant.isBefore(MIN) && instant.isBefore(MAX);
    }
}
