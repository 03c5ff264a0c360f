package com.unifiedbeez.inbox.assignment;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The team's rotation, persisted in {@code team_members.last_assigned_at}: the eligible member
 * assigned longest ago goes next. Decisions of an organization are serialized by its assignment
 * lock, so concurrent arrivals never give two conversations the same turn.
 */
public final class RoundRobinStrategy implements Strategy {
    @Override
    public AssignmentStrategy name() {
        return AssignmentStrategy.ROUND_ROBIN;
    }

    @Override
    public Pick pick(RoutedConversation conversation, List<Candidate> eligible, Roster roster, Instant now) {
        Candidate next = Collections.min(eligible, Candidate.ROTATION);
        return Pick.of(next, next.lastAssignedAt() == null
                ? "round robin: " + next.name() + " had not been assigned in this team yet"
                : "round robin: " + next.name() + " was assigned longest ago (" + next.lastAssignedAt() + ")");
    }
}
