package com.unifiedbeez.inbox.assignment;

import java.time.Instant;
import java.util.List;

/**
 * High and urgent conversations go to senior members first, the others to non-senior members
 * first (keeping seniors free for what needs them); within each group the least loaded. When the
 * preferred group has nobody available, the other group takes it.
 */
public final class PriorityStrategy implements Strategy {
    @Override
    public AssignmentStrategy name() {
        return AssignmentStrategy.PRIORITY;
    }

    @Override
    public Pick pick(RoutedConversation conversation, List<Candidate> eligible, Roster roster, Instant now) {
        boolean wantSenior = conversation.urgent();
        List<Candidate> preferred = eligible.stream().filter(c -> c.senior() == wantSenior).toList();
        String group = wantSenior ? "a senior agent" : "a non-senior agent";
        if (!preferred.isEmpty()) {
            Candidate chosen = LoadBalancedStrategy.least(preferred);
            return Pick.of(chosen, "priority " + conversation.priority() + ": " + group + "; "
                    + LoadBalancedStrategy.describe(chosen));
        }
        Candidate chosen = LoadBalancedStrategy.least(eligible);
        return Pick.of(chosen, "priority " + conversation.priority() + ": nobody available is " + group + "; "
                + LoadBalancedStrategy.describe(chosen));
    }
}
