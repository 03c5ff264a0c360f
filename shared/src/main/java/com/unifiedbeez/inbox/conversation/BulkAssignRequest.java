package com.unifiedbeez.inbox.conversation;

import java.util.List;

/** POST .../bulk-assign: one assignee (an agent unless {@code assigneeType} says team) for many conversations. */
public record BulkAssignRequest(List<String> conversationIds, String assigneeId, String assigneeType) {
    public static final int MAX_CONVERSATIONS = 100;
}
