package com.unifiedbeez.inbox.conversation;

/**
 * PATCH .../:id/assign: {@code assigneeId} null unassigns that kind of assignee ({@code user | team});
 * a null {@code assigneeId} without a type unassigns the agent.
 */
public record AssignRequest(String assigneeId, String assigneeType) {
}
