package com.unifiedbeez.inbox.platform.page;

import com.unifiedbeez.inbox.platform.db.Timestamps;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyset position: the sort time and id of the last row of the previous page. Opaque to
 * clients (base64url), so the encoding can change without breaking them.
 */
public record Cursor(Instant at, UUID id) {
    /** Microseconds since the epoch (ASCII digits, as {@link #encode()} writes them), a bar, a UUID. */
    private static final Pattern FORM = Pattern.compile("(-?[0-9]{1,18})\\|([0-9a-fA-F-]{36})");

    public String encode() {
        // PostgreSQL keeps microseconds, so the cursor does too.
        String raw = (at.getEpochSecond() * 1_000_000L + at.getNano() / 1000) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String value) {
        return decode("cursor", value);
    }

    /**
     * A cursor from query parameter {@code parameter}; anything this API did not return (including a
     * well-formed one whose time PostgreSQL cannot hold) is a 422 naming the parameter.
     */
    public static Cursor decode(String parameter, String value) {
        try {
            Matcher m = FORM.matcher(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
            if (m.matches()) {
                long micros = Long.parseLong(m.group(1));
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                var id = Ids.parse(m.group(2));
                if (Timestamps.storable(at) && id.isPresent()) {
                    return new Cursor(at, id.get());
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url: answered below like any other cursor we did not issue
        }
        throw ApiException.invalid(parameter, "is not a cursor this API returned");
    }
}
