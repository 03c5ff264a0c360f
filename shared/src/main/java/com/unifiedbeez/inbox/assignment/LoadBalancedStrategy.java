package com.unifiedbeez.inbox.assignment;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * The member with the fewest open conversations across all channels and teams (one capacity
 * budget per agent); ties go to the one assigned longest ago.
 */
public final class LoadBalancedStrategy implements Strategy {
    @Override
    public AssignmentStrategy name() {
        return AssignmentStrategy.LOAD_BALANCED;
    }

    @Override
    public Pick pick(RoutedConversation conversation, List<Candidate> eligible, Roster roster, Instant now) {
        return Pick.of(least(eligible), "load balanced: " + describe(least(eligible)));
    }

    static Candidate least(List<Candidate> members) {
        return Collections.min(members, Candidate.LEAST_LOADED);
    }

    static String describe(Candidate c) {
        return c.name() + " has the fewest open conversations (" + c.load() + " of " + c.capacity() + ")";
    }
}
