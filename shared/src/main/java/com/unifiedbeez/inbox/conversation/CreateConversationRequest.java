package com.unifiedbeez.inbox.conversation;

/** POST /api/inbox/conversations: start a conversation with a contact on one of its channels. */
public record CreateConversationRequest(String contactId, String channel, String initialMessage) {
    public static final int MAX_MESSAGE_LENGTH = 10_000;
}
