package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.text.Emoji;

/** POST /api/inbox/messages/:id/react: the same emoji again takes the reaction back. */
public record ReactRequest(String emoji) {
    /** The longest RGI emoji sequences (a kiss with two skin tones) take 15 UTF-16 units. */
    public static final int MAX_LENGTH = 32;

    /** The reaction: exactly one emoji (a ZWJ sequence, skin tone, flag or keycap counts as one), else 422. */
    public String validEmoji() {
        String value = emoji == null ? "" : emoji.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || !Emoji.isOne(value)) {
            throw ApiException.invalid("emoji", "must be exactly one emoji");
        }
        return value;
    }
}
