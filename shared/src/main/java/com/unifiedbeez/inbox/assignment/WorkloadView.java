package com.unifiedbeez.inbox.assignment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/inbox/team/:teamId/workload}: the team's routing, its queue, and per member their
 * presence, open conversations across all channels and teams (the capacity budget is the agent's),
 * how many of those are active, their capacity, and since when their longest-waiting customer waits.
 */
public record WorkloadView(UUID teamId, boolean autoAssignment, AssignmentStrategy strategy, Queue queue,
                           List<Agent> agents) {

    public record Queue(int waiting, Instant oldestQueuedAt) {
    }

    public record Agent(UUID userId, String name, String presence, int open, int active, int capacity, boolean atCapacity,
                        boolean senior, List<String> skills, Instant oldestWaitingSince) {
    }
}
