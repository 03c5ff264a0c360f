package com.unifiedbeez.inbox.outbound;

import java.time.Duration;
import java.util.Objects;

/** What became of one outbound send handed to {@link OutboundDelivery}. */
public sealed interface DeliveryResult {
    Done DONE = new Done();

    /** Nothing left to do: sent, failed for good, or already handled by an earlier delivery. */
    record Done() implements DeliveryResult {
    }

    /** Not now: hand the send back to the queue to come again after {@code delay}. */
    record RetryLater(Duration delay, String reason) implements DeliveryResult {
        public RetryLater {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
