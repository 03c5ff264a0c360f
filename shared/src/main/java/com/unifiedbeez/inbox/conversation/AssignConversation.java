package com.unifiedbeez.inbox.conversation;

/** PATCH .../:id/assign: {@code assigneeId} null unassigns that kind of assignee. */
public record AssignConversation(String assigneeId, String assigneeType) {
}
