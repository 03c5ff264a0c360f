package com.unifiedbeez.inbox.settings;

import com.unifiedbeez.inbox.assignment.AssignmentStrategy;

/** Whether and how new and reopened conversations are assigned automatically, and each agent's capacity. */
public record AutoAssignment(boolean enabled, AssignmentStrategy strategy, int maxConversationsPerAgent,
                             boolean onlyOnline) {
}
