package com.unifiedbeez.inbox.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A conversation's lifecycle: new → active → resolved → closed. Resolved and closed conversations
 * reopen to active (a customer writes again); nothing goes back to new, and a closed conversation
 * must be reopened before it can be resolved.
 */
public enum ConversationStatus {
    NEW, ACTIVE, RESOLVED, CLOSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }

    public Set<ConversationStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ACTIVE, RESOLVED, CLOSED);
            case ACTIVE -> EnumSet.of(RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(ACTIVE, CLOSED);
            case CLOSED -> EnumSet.of(ACTIVE);
        };
    }

    public boolean canMoveTo(ConversationStatus target) {
        return target == this || next().contains(target);
    }

    public boolean isOpen() {
        return this == NEW || this == ACTIVE;
    }
}
