package com.unifiedbeez.inbox.message;

/** POST /api/inbox/messages/:id/react: the same emoji again takes the reaction back. */
public record React(String emoji) {
    public static final int MAX_LENGTH = 32;
}
