package com.unifiedbeez.inbox.settings;

import com.unifiedbeez.inbox.assignment.AssignmentStrategy;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether and how new and reopened conversations are assigned automatically, each agent's
 * capacity, and the timers that move work away from absent agents. A null minutes value turns that
 * timer off; a field the stored value lacks takes the product default (see {@link EffectiveSettings}).
 */
public record AutoAssignment(boolean enabled, AssignmentStrategy strategy, int maxConversationsPerAgent,
                             boolean onlyOnline, Integer reassignAwayAfterMinutes, Integer firstTouchMinutes,
                             int escalateAfterReassignments, Integer skillFallbackMinutes) {

    public Optional<Duration> reassignAwayAfter() {
        return minutes(reassignAwayAfterMinutes);
    }

    public Optional<Duration> firstTouch() {
        return minutes(firstTouchMinutes);
    }

    public Optional<Duration> skillFallback() {
        return minutes(skillFallbackMinutes);
    }

    private static Optional<Duration> minutes(Integer value) {
        return Optional.ofNullable(value).map(Duration::ofMinutes);
    }
}
