package com.unifiedbeez.inbox.platform.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.Optional;
import java.util.UUID;

/** UUID v7 ids: time-ordered, so new rows append to the end of B-tree indexes. */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID newId() {
        return GENERATOR.generate();
    }

    /** Parses an id from a path or body; empty when it is not a UUID (the caller answers 404 or 422). */
    public static Optional<UUID> parse(String value) {
        if (value == null || value.length() != 36 || !value.chars().allMatch(Ids::uuidChar)) {
            // UUID.fromString also reads other scripts' digits ("٠"), so only ASCII hex and dashes pass.
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean uuidChar(int c) {
        return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
