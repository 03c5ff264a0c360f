package com.unifiedbeez.inbox.platform.page;

import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.Optional;

/** A requested page size and position, validated from the query string. */
public record PageRequest(int limit, Optional<Cursor> after) {
    public static PageRequest of(String limit, String cursor, int defaultLimit, int maxLimit) {
        Validation v = new Validation();
        Integer size = v.wholeNumber("limit", limit, 1, maxLimit, defaultLimit);
        v.throwIfInvalid();
        return new PageRequest(size, cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(Cursor.decode(cursor)));
    }
}
