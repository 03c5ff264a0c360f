package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.Map;

/** What GET /mentions asks for: {@code unreadOnly=true} leaves out mentions already read (default false). */
public record MentionFilter(boolean unreadOnly) {
    public static MentionFilter fromQuery(Map<String, String> query) {
        String raw = query.get("unreadOnly");
        if (raw == null || raw.isBlank()) {
            return new MentionFilter(false);
        }
        return switch (raw) {
            case "true" -> new MentionFilter(true);
            case "false" -> new MentionFilter(false);
            default -> throw ApiException.invalid("unreadOnly", "must be true or false");
        };
    }
}
