package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A private note on a conversation, with its author and mentioned agents. */
public record NoteView(UUID id, UUID conversationId, PartyRef author, String content, List<PartyRef> mentions, Instant createdAt) {
}
