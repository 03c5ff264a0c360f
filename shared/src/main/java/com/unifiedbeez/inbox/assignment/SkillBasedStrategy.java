package com.unifiedbeez.inbox.assignment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The least-loaded member holding every skill the conversation needs ({@link RequiredSkills}).
 * When no eligible member has them, the conversation waits; after the team's
 * {@code skillFallbackMinutes} in the queue it goes to the whole team, least-loaded first.
 */
public final class SkillBasedStrategy implements Strategy {
    @Override
    public AssignmentStrategy name() {
        return AssignmentStrategy.SKILL_BASED;
    }

    @Override
    public Pick pick(RoutedConversation conversation, List<Candidate> eligible, Roster roster, Instant now) {
        Set<String> required = RequiredSkills.of(conversation, roster.vocabulary());
        if (required.isEmpty()) {
            return Pick.of(LoadBalancedStrategy.least(eligible),
                    "skill based: no skills required; " + LoadBalancedStrategy.describe(LoadBalancedStrategy.least(eligible)));
        }
        List<Candidate> skilled = eligible.stream().filter(c -> c.skills().containsAll(required)).toList();
        if (!skilled.isEmpty()) {
            Candidate chosen = LoadBalancedStrategy.least(skilled);
            return Pick.of(chosen, "skill based: " + chosen.name() + " has " + required + " and the fewest open"
                    + " conversations among those who do (" + chosen.load() + " of " + chosen.capacity() + ")");
        }
        List<Skipped> unskilled = eligible.stream().map(c -> new Skipped(c.userId(), SkipReason.MISSING_SKILLS)).toList();
        Optional<Duration> fallback = roster.settings().skillFallback();
        Instant waitingSince = conversation.queuedAt() == null ? now : conversation.queuedAt();
        if (fallback.isPresent() && !waitingSince.plus(fallback.get()).isAfter(now)) {
            Candidate chosen = LoadBalancedStrategy.least(eligible);
            return Pick.of(chosen, "skill based: nobody available has " + required + " after " + fallback.get().toMinutes()
                    + " min waiting, so the whole team: " + LoadBalancedStrategy.describe(chosen));
        }
        return new Pick(Optional.empty(), unskilled, "skill based: nobody available has " + required
                + (fallback.isPresent() ? "; the whole team takes it after " + fallback.get().toMinutes() + " min" : ""));
    }
}
