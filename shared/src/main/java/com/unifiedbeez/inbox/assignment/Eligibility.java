package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.settings.AutoAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may be given a conversation automatically: a member of its team (the roster holds only
 * those), online — or offline too when the team's {@code onlyOnline} is off, never away or busy —
 * and under capacity (open conversations across all channels), and not the agent it is being
 * taken from.
 */
public final class Eligibility {
    private Eligibility() {
    }

    /** The eligible members, and the others with the reason each was passed over. */
    public record Split(List<Candidate> eligible, List<Skipped> skipped) {
    }

    public static Split of(List<Candidate> members, AutoAssignment settings, UUID losingAgent) {
        List<Candidate> eligible = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Candidate m : members) {
            reason(m, settings, losingAgent).ifPresentOrElse(r -> skipped.add(new Skipped(m.userId(), r)),
                    () -> eligible.add(m));
        }
        return new Split(eligible, skipped);
    }

    static Optional<SkipReason> reason(Candidate m, AutoAssignment settings, UUID losingAgent) {
        if (m.userId().equals(losingAgent)) {
            return Optional.of(SkipReason.LOSING_AGENT);
        }
        return switch (m.presence()) {
            case AWAY -> Optional.of(SkipReason.AWAY);
            case BUSY -> Optional.of(SkipReason.BUSY);
            case OFFLINE -> settings.onlyOnline() ? Optional.of(SkipReason.OFFLINE) : capacity(m);
            case ONLINE -> capacity(m);
        };
    }

    private static Optional<SkipReason> capacity(Candidate m) {
        return m.hasRoom() ? Optional.empty() : Optional.of(SkipReason.AT_CAPACITY);
    }
}
