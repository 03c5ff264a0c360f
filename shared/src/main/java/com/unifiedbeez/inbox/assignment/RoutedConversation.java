package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A conversation as routing sees it: its team, priority, what its skills can be derived from
 * (explicit skills, channel, language, labels), who holds it, and whether it waits in the queue.
 */
public record RoutedConversation(UUID id, UUID organizationId, UUID teamId, ConversationStatus status, String priority,
                                 Channel channel, String language, List<String> labels, Set<String> explicitSkills,
                                 UUID assigneeUserId, Instant queuedAt, UUID preferredUserId, int touchReassignments) {

    public boolean urgent() {
        return "high".equals(priority) || "urgent".equals(priority);
    }

    public boolean queued() {
        return queuedAt != null;
    }
}
