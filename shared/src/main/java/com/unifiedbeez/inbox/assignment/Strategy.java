package com.unifiedbeez.inbox.assignment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One way of choosing among the eligible members; each strategy is one class. */
public sealed interface Strategy permits RoundRobinStrategy, LoadBalancedStrategy, SkillBasedStrategy, PriorityStrategy {

    /** The choice, the members it passed over beyond the ineligible ones, and why, in a sentence. */
    record Pick(Optional<Candidate> agent, List<Skipped> skipped, String reason) {
        static Pick of(Candidate agent, String reason) {
            return new Pick(Optional.of(agent), List.of(), reason);
        }
    }

    AssignmentStrategy name();

    /** {@code eligible} is never empty. */
    Pick pick(RoutedConversation conversation, List<Candidate> eligible, Roster roster, Instant now);

    static Strategy of(AssignmentStrategy name) {
        return switch (name) {
            case ROUND_ROBIN -> new RoundRobinStrategy();
            case LOAD_BALANCED -> new LoadBalancedStrategy();
            case SKILL_BASED -> new SkillBasedStrategy();
            case PRIORITY -> new PriorityStrategy();
        };
    }
}
