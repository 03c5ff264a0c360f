package com.unifiedbeez.inbox.assignment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One assignment decision as the history shows it: who decided ({@code actorId}, null: the
 * system), on what trigger, by which strategy, from whom to whom, the outcome, why, and which
 * members were passed over and why.
 */
public record Decision(UUID id, UUID conversationId, UUID teamId, Instant decidedAt, Trigger trigger,
                       AssignmentStrategy strategy, UUID actorId, UUID fromUserId, UUID toUserId, Outcome outcome,
                       String reason, List<Skipped> skipped) {
}
