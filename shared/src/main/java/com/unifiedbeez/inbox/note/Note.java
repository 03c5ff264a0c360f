package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationSummary.PartyRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A private note on a conversation, with its author and mentioned agents. */
public record Note(UUID id, UUID conversationId, PartyRef author, String content, List<PartyRef> mentions, Instant createdAt) {
}
