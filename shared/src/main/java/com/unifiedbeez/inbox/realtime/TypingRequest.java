package com.unifiedbeez.inbox.realtime;

/** POST /api/inbox/typing: the REST fallback of {@code typing:start} / {@code typing:stop}. */
public record TypingRequest(String conversationId, Boolean isTyping) {
}
