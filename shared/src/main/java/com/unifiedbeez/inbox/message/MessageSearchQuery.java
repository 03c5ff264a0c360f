package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * GET /api/inbox/messages/search parameters: {@code q} (web-search syntax: "phrase", -word, or),
 * {@code conversationId}, {@code channel}, {@code from}/{@code to} (ISO dates or instants, to is
 * exclusive), {@code limit} and {@code cursor}. Ranked results page by position, so the cursor
 * carries an offset, bounded so deep pages stay cheap.
 */
public record MessageSearchQuery(String q, UUID conversationId, String channel, Instant from, Instant to, int limit,
                                 int offset) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 1000;
    public static final int MAX_QUERY = 200;

    public static MessageSearchQuery fromQuery(Map<String, String> query) {
        Validation v = new Validation();
        String q = query.get("q");
        if (q == null || q.isBlank()) {
            v.add("q", "is required");
        } else if (q.length() > MAX_QUERY) {
            v.add("q", "is longer than " + MAX_QUERY + " characters");
        }
        UUID conversationId = query.get("conversationId") == null ? null : v.uuid("conversationId", query.get("conversationId"));
        String channel = query.get("channel");
        if (channel != null && Channel.parse(channel).isEmpty()) {
            v.add("channel", "must be one of " + Channel.allowedValues());
        }
        Instant from = time(v, "from", query.get("from"));
        Instant to = time(v, "to", query.get("to"));
        int limit = DEFAULT_LIMIT;
        if (query.get("limit") != null) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                v.add("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
        int offset = query.get("cursor") == null ? 0 : offset(v, query.get("cursor"));
        v.throwIfInvalid();
        return new MessageSearchQuery(q.strip(), conversationId, channel, from, to, limit, offset);
    }

    public String nextCursor() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("o:" + (offset + limit)).getBytes(StandardCharsets.UTF_8));
    }

    public boolean canGoDeeper() {
        return offset + limit < MAX_OFFSET;
    }

    private static int offset(Validation v, String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int offset = Integer.parseInt(raw.substring(2));
            if (!raw.startsWith("o:") || offset < 0 || offset > MAX_OFFSET) {
                throw new IllegalArgumentException(raw);
            }
            return offset;
        } catch (RuntimeException e) {
            v.add("cursor", "is not a cursor this API returned");
            return 0;
        }
    }

    private static Instant time(Validation v, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            v.add(field, "must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z)");
            return null;
        }
    }
}
