package com.unifiedbeez.inbox.platform.page;

import java.util.List;

/** A page of a list answer: {@code {"items": [...], "nextCursor": "..."}}; nextCursor is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
