package com.unifiedbeez.inbox.assignment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How auto-assignment picks an agent (the settings' {@code autoAssignment.strategy}). */
public enum AssignmentStrategy {
    ROUND_ROBIN, LOAD_BALANCED, SKILL_BASED, PRIORITY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AssignmentStrategy fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown strategy " + value));
    }

    public static Optional<AssignmentStrategy> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
