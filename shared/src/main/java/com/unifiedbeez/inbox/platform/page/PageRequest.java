package com.unifiedbeez.inbox.platform.page;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.Optional;

/** A requested page size and position, validated from the query string. */
public record PageRequest(int limit, Optional<Cursor> after) {
    public static PageRequest of(String limit, String cursor, int defaultLimit, int maxLimit) {
        int size = defaultLimit;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                throw ApiException.invalid("limit", "must be a whole number");
            }
            if (size < 1 || size > maxLimit) {
                throw ApiException.invalid("limit", "must be between 1 and " + maxLimit);
            }
        }
        return new PageRequest(size, cursor == null || cursor.isEmpty() ? Optional.empty() : Optional.of(Cursor.decode(cursor)));
    }
}
