package com.unifiedbeez.inbox.platform.page;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position: the sort time and id of the last row of the previous page. Opaque to
 * clients (base64url), so the encoding can change without breaking them.
 */
public record Cursor(Instant at, UUID id) {
    public String encode() {
        // PostgreSQL keeps microseconds, so the cursor does too.
        String raw = (at.getEpochSecond() * 1_000_000L + at.getNano() / 1000) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String value) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            long micros = Long.parseLong(raw.substring(0, bar));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            return new Cursor(at, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ApiException.invalid("cursor", "is not a cursor this API returned");
        }
    }
}
