package com.unifiedbeez.inbox.note;

import java.util.List;

/**
 * POST /api/inbox/notes (the spec's Team Inbox route): {@link AddNoteRequest} with the conversation
 * named in the body instead of the path.
 */
public record ConversationNoteRequest(String conversationId, String content, List<String> mentions) {
}
