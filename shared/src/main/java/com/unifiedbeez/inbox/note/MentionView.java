package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import java.time.Instant;
import java.util.UUID;

/** A note's mention of the caller, as their notifications panel lists it; {@code readAt} null while unread. */
public record MentionView(UUID noteId, UUID conversationId, PartyRef author, String content, Instant createdAt,
                          Instant readAt) {
}
