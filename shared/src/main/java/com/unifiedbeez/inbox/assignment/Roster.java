package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.settings.AutoAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A team's members and routing settings at the moment of a decision, read under the organization's
 * assignment lock. A drain decides many conversations from one roster, which counts each
 * assignment it makes instead of reading every load again.
 */
public final class Roster {
    private final UUID teamId;
    private final AutoAssignment settings;
    private final List<Candidate> members;
    private final Set<String> vocabulary = new TreeSet<>();

    public Roster(UUID teamId, AutoAssignment settings, List<Candidate> members) {
        this.teamId = teamId;
        this.settings = settings;
        this.members = new ArrayList<>(members);
        members.forEach(m -> vocabulary.addAll(m.skills()));
    }

    public UUID teamId() {
        return teamId;
    }

    public AutoAssignment settings() {
        return settings;
    }

    public List<Candidate> members() {
        return List.copyOf(members);
    }

    /** Every skill some member lists: which dimensions the team routes on. */
    public Set<String> vocabulary() {
        return vocabulary;
    }

    public boolean isMember(UUID userId) {
        return members.stream().anyMatch(m -> m.userId().equals(userId));
    }

    /** Whether anyone could take a conversation now: a drain stops when nobody can. */
    public boolean anyoneAvailable() {
        return members.stream().anyMatch(m -> Eligibility.reason(m, settings, null).isEmpty());
    }

    void assigned(UUID userId, Instant at) {
        members.replaceAll(m -> m.userId().equals(userId) ? m.assigned(at) : m);
    }

    /** A conversation left this member (reassigned away): one fewer open conversation. */
    void released(UUID userId) {
        members.replaceAll(m -> m.userId().equals(userId)
                ? new Candidate(m.userId(), m.name(), m.presence(), Math.max(0, m.load() - 1), m.capacity(), m.skills(),
                        m.senior(), m.lastAssignedAt(), m.joinedAt())
                : m);
    }
}
