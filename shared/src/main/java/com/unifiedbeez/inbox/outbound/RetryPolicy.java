package com.unifiedbeez.inbox.outbound;

import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Duration;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * When a transient platform failure is tried again: after the platform's Retry-After when it gave
 * one, else 10 s, 30 s, 90 s, 270 s, ... capped at 15 minutes. The last attempt is the outbound
 * queue's DLQ {@code maxReceiveCount}: a send still failing then ends {@code failed} instead of
 * vanishing into the dead-letter queue.
 */
@Singleton
public final class RetryPolicy {
    /** Attempts before a send ends failed "platform-unavailable"; equal to the DLQ's maxReceiveCount. */
    public static final String MAX_ATTEMPTS = "INBOX_OUTBOUND_MAX_ATTEMPTS";
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    static final Duration FIRST = Duration.ofSeconds(10);
    static final Duration CAP = Duration.ofMinutes(15);
    /** SQS's longest visibility timeout. */
    static final Duration LONGEST = Duration.ofHours(12);

    private final int maxAttempts;

    @Inject
    public RetryPolicy(Config config) {
        this.maxAttempts = config.intValue(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether attempt number {@code attempt} (1-based) may not be followed by another. */
    public boolean isLast(int attempt) {
        return attempt >= maxAttempts;
    }

    /** How long to wait after failed attempt {@code attempt}; {@code retryAfter} is the platform's word, or null. */
    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : retryAfter.compareTo(LONGEST) > 0 ? LONGEST : retryAfter;
        }
        Duration delay = FIRST;
        for (int i = 1; i < attempt && delay.compareTo(CAP) < 0; i++) {
            delay = delay.multipliedBy(3);
        }
        return delay.compareTo(CAP) > 0 ? CAP : delay;
    }
}
