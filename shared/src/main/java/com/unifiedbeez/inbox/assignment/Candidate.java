package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.realtime.PresenceStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/**
 * A team member as assignment sees them: presence (users.status, mirrored from the live presence),
 * open conversations across all channels and teams ({@code load}), their capacity, skills,
 * seniority and place in the team's round-robin rotation.
 */
public record Candidate(UUID userId, String name, PresenceStatus presence, int load, int capacity, Set<String> skills,
                        boolean senior, Instant lastAssignedAt, Instant joinedAt) {

    /** Round-robin order: who was assigned longest ago (never first), then who joined first. */
    public static final Comparator<Candidate> ROTATION = Comparator
            .comparing(Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::joinedAt).thenComparing(Candidate::userId);

    /** Load-balanced order: fewest open conversations, ties to the longest since their last assignment. */
    public static final Comparator<Candidate> LEAST_LOADED = Comparator.comparingInt(Candidate::load).thenComparing(ROTATION);

    public boolean hasRoom() {
        return load < capacity;
    }

    /** The same member after one more assignment at {@code at}: what a drain decides next from. */
    public Candidate assigned(Instant at) {
        return new Candidate(userId, name, presence, load + 1, capacity, skills, senior, at, joinedAt);
    }
}
