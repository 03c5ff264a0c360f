package com.unifiedbeez.inbox.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Delivery of an outbound message: queued → sent → delivered → read, or failed. Platforms report
 * out of order and more than once, so a status only ever moves forward: a late "delivered" after
 * "read" changes nothing, and a failure after delivery is ignored.
 */
public enum MessageStatus {
    QUEUED, SENT, DELIVERED, READ, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    /** Whether a message in this status moves to {@code next} when told so. */
    public boolean advancesTo(MessageStatus next) {
        return switch (this) {
            case QUEUED -> next != QUEUED;
            case SENT -> next == DELIVERED || next == READ || next == FAILED;
            case DELIVERED -> next == READ;
            case READ, FAILED -> false;
        };
    }
}
