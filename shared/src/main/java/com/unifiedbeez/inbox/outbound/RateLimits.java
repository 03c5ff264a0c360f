package com.unifiedbeez.inbox.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The platforms' "slow down" (429 with Retry-After) for the rest of one batch, per channel
 * connection: the next sends of a throttled account wait instead of hammering it. One instance
 * per batch, used by one thread.
 */
public final class RateLimits {
    private final Map<UUID, Instant> pausedUntil = new HashMap<>();

    /** The platform asked this connection's sends to wait {@code retryAfter}. */
    public void pause(UUID connectionId, Duration retryAfter) {
        pausedUntil.merge(connectionId, Instant.now().plus(retryAfter), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** How long sends of this connection must still wait, if at all. */
    public Optional<Duration> wait(UUID connectionId) {
        Instant until = pausedUntil.get(connectionId);
        Instant now = Instant.now();
        return until == null || !until.isAfter(now) ? Optional.empty() : Optional.of(Duration.between(now, until));
    }
}
