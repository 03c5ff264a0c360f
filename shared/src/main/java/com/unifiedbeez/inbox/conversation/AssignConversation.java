package com.unifiedbeez.inbox.conversation;

/**
 * PATCH .../:id/assign: {@code assigneeId} null unassigns that kind of assignee; {@code assigneeType}
 * ({@code user | team}) defaults to {@code user}, as in bulk-assign.
 */
public record AssignConversation(String assigneeId, String assigneeType) {
}
