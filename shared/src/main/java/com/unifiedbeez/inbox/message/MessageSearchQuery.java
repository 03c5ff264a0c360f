package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.db.Timestamps;
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
public record MessageSearchQuery(String q, UUID conversationId, Channel channel, Instant from, Instant to, int limit,
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
        Channel channel = null;
        if (query.get("channel") != null) {
            channel = Channel.parse(query.get("channel")).orElse(null);
            if (channel == null) {
                v.add("channel", "must be one of " + Channel.allowedValues());
            }
        }
        Instant from = time(v, "from", query.get("from"));
        Instant to = time(v, "to", query.get("to"));
        Integer limit = v.wholeNumber("limit", query.get("limit"), 1, MAX_LIMIT, DEFAULT_LIMIT);
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
            // "o:" and ASCII digits, as nextCursor() writes them; Integer.parseInt alone would take "+5" or "٥".
            if (raw.matches("o:[0-9]{1,4}")) {
                int offset = Integer.parseInt(raw.substring(2));
                if (offset <= MAX_OFFSET) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url
        }
        v.add("cursor", "is not a cursor this API returned");
        return 0;
    }

    private static Instant time(Validation v, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant at = value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
            if (Timestamps.storable(at)) {
                return at;
            }
            v.add(field, "must be between 0001-01-01 and 9999-12-31");
        } catch (DateTimeParseException e) {
            v.add(field, "must be a date (2026-11-24) or an instant (2026-11-24T10:00:00Z)");
        }
        return null;
    }
}
