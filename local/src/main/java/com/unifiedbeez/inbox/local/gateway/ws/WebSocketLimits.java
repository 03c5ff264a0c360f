package com.unifiedbeez.inbox.local.gateway.ws;

import java.time.Duration;

/**
 * The WebSocket API's quotas the local gateway enforces, as API Gateway does (its "Quotas for
 * configuring and running a WebSocket API"): a frame over {@code frameBytes} or a message over
 * {@code messageBytes} closes the connection with 1009; no data either way for {@code idle}, or a
 * connection older than {@code lifetime}, closes it with 1001 "Going away". Messages the gateway
 * sends (replies, @connections posts) go out in frames of at most {@code frameBytes}; a post over
 * {@code messageBytes} is refused with 413.
 */
public record WebSocketLimits(int frameBytes, int messageBytes, Duration idle, Duration lifetime) {
    /** API Gateway's: 32 KB frames, 128 KB messages, 10 minutes idle, 2 hours per connection. */
    public static final WebSocketLimits API_GATEWAY =
            new WebSocketLimits(32 * 1024, 128 * 1024, Duration.ofMinutes(10), Duration.ofHours(2));

    public WebSocketLimits {
        if (frameBytes <= 0 || messageBytes < frameBytes) {
            throw new IllegalArgumentException("frameBytes must be > 0 and <= messageBytes");
        }
        if (idle.isNegative() || idle.isZero() || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("idle and lifetime must be positive");
        }
    }

    public WebSocketLimits withIdle(Duration value) {
        return new WebSocketLimits(frameBytes, messageBytes, value, lifetime);
    }

    public WebSocketLimits withLifetime(Duration value) {
        return new WebSocketLimits(frameBytes, messageBytes, idle, value);
    }
}
