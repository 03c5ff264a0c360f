package com.unifiedbeez.inbox.platform.text;

import java.util.Locale;
import java.util.Optional;

/**
 * Text PostgreSQL can store and a channel can deliver as sent. PostgreSQL's {@code text} rejects
 * NUL (U+0000), and an unpaired UTF-16 surrogate has no UTF-8 form (the JDK's encoder turns it into
 * {@code ?}), so both are refused where a client sends them rather than failing or changing later.
 */
public final class StorableText {
    private StorableText() {
    }

    /** What makes {@code value} unstorable, as a message for a field error; empty when it is fine. */
    public static Optional<String> defect(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains a NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++; // a pair: one supplementary character, e.g. an emoji
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                        + "), which is not Unicode text");
            }
        }
        return Optional.empty();
    }
}
