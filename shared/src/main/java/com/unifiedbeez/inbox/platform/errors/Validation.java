package com.unifiedbeez.inbox.platform.errors;

import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Collects every invalid field of a request, so one 422 answer names them all. */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    public Validation add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** A required UUID field; null when absent or malformed (the error is recorded). */
    public UUID uuid(String field, String value) {
        if (value == null) {
            add(field, "is required");
            return null;
        }
        return Ids.parse(value).orElseGet(() -> {
            add(field, "must be an id (UUID)");
            return null;
        });
    }

    /** A required list of distinct UUIDs with a size bound. */
    public List<UUID> uuids(String field, List<String> values, int max) {
        if (values == null || values.isEmpty()) {
            add(field, "must list at least one id");
            return List.of();
        }
        if (values.size() > max) {
            add(field, "lists more than " + max + " ids");
            return List.of();
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            var id = value == null ? java.util.Optional.<UUID>empty() : Ids.parse(value);
            if (id.isEmpty()) {
                add(field + "[" + i + "]", "must be an id (UUID)");
            } else {
                ids.add(id.get());
            }
        }
        return List.copyOf(ids);
    }

    /** A required text within a length bound; returns it trimmed. */
    public String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
            return null;
        }
        if (value.length() > maxLength) {
            add(field, "is longer than " + maxLength + " characters");
        }
        return value.strip();
    }

    /**
     * An optional whole number from a query string, within bounds: ASCII digits only, so "+5", " 5",
     * "5.0", "1e2" and other scripts' digits ("١٢") are refused rather than read by a lenient parser.
     * Returns {@code fallback} when absent, null when invalid (the error is recorded).
     */
    public Integer wholeNumber(String field, String value, int min, int max, Integer fallback) {
        Long number = wholeLong(field, value, min, max, fallback == null ? null : fallback.longValue());
        return number == null ? null : number.intValue();
    }

    /** {@link #wholeNumber} for values beyond an int (a position in a stream). */
    public Long wholeLong(String field, String value, long min, long max, Long fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            add(field, "must be a whole number written in digits 0-9, between " + min + " and " + max);
            return null;
        }
        String digits = value.replaceFirst("^0+(?=.)", "");
        long number = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (number < min || number > max) {
            add(field, "must be between " + min + " and " + max);
            return null;
        }
        return number;
    }

    /** Records every id of {@code requested} that is not in {@code found} as an unknown reference. */
    public void known(String field, Collection<UUID> requested, Collection<UUID> found, String what) {
        for (UUID id : requested) {
            if (!found.contains(id)) {
                add(field, "unknown " + what + " " + id);
            }
        }
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }
}
