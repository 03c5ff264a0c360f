package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.assignment.Eligibility.Split;
import com.unifiedbeez.inbox.assignment.Strategy.Pick;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.settings.AutoAssignment;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Makes one automatic assignment decision and records it. The caller's transaction holds the
 * organization's assignment lock ({@link AssignmentStore#lockOrganization}). In order:
 * <ol>
 *   <li>the previous agent (a reopened conversation's, or the one a queued conversation was taken
 *       from) keeps or gets it back when eligible;</li>
 *   <li>else the strategy chooses among the eligible members ({@link Eligibility});</li>
 *   <li>else the conversation waits in its team's queue, without an agent.</li>
 * </ol>
 */
@Singleton
public final class AutoAssigner {
    private final AssignmentStore store;
    private final RoutingStore routing;
    private final ConversationStore conversations;
    private final SettingsResolver settings;
    private final Clock clock;

    @Inject
    public AutoAssigner(AssignmentStore store, RoutingStore routing, ConversationStore conversations,
                        SettingsResolver settings, Clock clock) {
        this.store = store;
        this.routing = routing;
        this.conversations = conversations;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What one decision is about: its trigger, a strategy other than the team's (null: the team's),
     * who asked (null: the system) and the agent it is being taken from (null: none).
     */
    public record Ask(Trigger trigger, AssignmentStrategy strategy, UUID actorId, UUID losingAgent) {
        public static Ask system(Trigger trigger) {
            return new Ask(trigger, null, null, null);
        }
    }

    public Roster roster(Connection c, UUID organizationId, UUID teamId) throws SQLException {
        AutoAssignment team = settings.forTeam(c, organizationId, teamId).autoAssignment();
        return new Roster(teamId, team, store.members(c, organizationId, teamId, team));
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Decides for {@code conversation} (of {@code roster}'s team). Empty when nothing changed: a
     * conversation already waiting that still nobody can take (a drain's retry records nothing).
     */
    public Optional<Decision> decide(Connection c, RoutedConversation conversation, Roster roster, Ask ask)
            throws SQLException {
        Instant now = now();
        AutoAssignment team = roster.settings();
        Strategy strategy = Strategy.of(ask.strategy() != null ? ask.strategy() : team.strategy());
        Split split = Eligibility.of(roster.members(), team, ask.losingAgent());
        List<Skipped> skipped = new ArrayList<>(split.skipped());
        UUID holder = conversation.assigneeUserId();
        UUID previous = holder != null && !holder.equals(ask.losingAgent()) ? holder : conversation.preferredUserId();
        Optional<Candidate> back = split.eligible().stream().filter(m -> m.userId().equals(previous)).findFirst();
        if (back.isPresent()) {
            boolean kept = back.get().userId().equals(holder);
            assign(c, conversation, roster, back.get().userId(), ask, now, kept);
            return Optional.of(record(c, conversation, roster, strategy, ask, now, back.get().userId(),
                    kept ? Outcome.KEPT : Outcome.ASSIGNED, "back to the previous agent, " + back.get().name()
                            + ", who is available (" + back.get().load() + " of " + back.get().capacity() + ")", skipped));
        }
        String reason;
        if (split.eligible().isEmpty()) {
            reason = "nobody in the team is available";
        } else {
            Pick pick = strategy.pick(conversation, split.eligible(), roster, now);
            skipped.addAll(pick.skipped());
            if (pick.agent().isPresent()) {
                Candidate agent = pick.agent().get();
                assign(c, conversation, roster, agent.userId(), ask, now, false);
                String why = split.eligible().size() == 1 && pick.skipped().isEmpty()
                        ? strategy.name().wireName().replace('_', ' ') + ": " + agent.name() + " is the only member available ("
                                + agent.load() + " of " + agent.capacity() + ")"
                        : pick.reason();
                return Optional.of(record(c, conversation, roster, strategy, ask, now, agent.userId(), Outcome.ASSIGNED,
                        why, skipped));
            }
            reason = pick.reason();
        }
        if (conversation.queued() && holder == null) {
            if (ask.trigger() == Trigger.DRAIN) {
                return Optional.empty(); // still nobody: a drain's retry changes and records nothing
            }
            routing.announceQueued(c, conversation.organizationId(), conversation.id(), roster.teamId(),
                    conversation.queuedAt());
            return Optional.of(record(c, conversation, roster, strategy, ask, now, null, Outcome.QUEUED,
                    reason + ": waiting in the team's queue", skipped));
        }
        queue(c, conversation, roster, ask, now);
        return Optional.of(record(c, conversation, roster, strategy, ask, now, null, Outcome.QUEUED,
                reason + ": waiting in the team's queue", skipped));
    }

    private void assign(Connection c, RoutedConversation conversation, Roster roster, UUID agent, Ask ask, Instant now,
                        boolean kept) throws SQLException {
        UUID org = conversation.organizationId();
        if (!kept) {
            conversations.assignAgent(c, org, List.of(conversation.id()), agent, ask.actorId());
            if (conversation.assigneeUserId() != null) {
                roster.released(conversation.assigneeUserId());
            }
            store.advanceRotation(c, roster.teamId(), agent);
            roster.assigned(agent, now);
        }
        Instant due = roster.settings().firstTouch().map(now::plus).orElse(null);
        routing.assigned(c, org, conversation.id(), now, due, ask.trigger() == Trigger.FIRST_TOUCH);
    }

    /**
     * Back to the queue without an agent, remembering whom it came from (theirs again when they
     * return) — unless they lost it for not answering in time.
     */
    void queue(Connection c, RoutedConversation conversation, Roster roster, Ask ask, Instant now) throws SQLException {
        UUID holder = conversation.assigneeUserId();
        if (holder != null) {
            conversations.assignAgent(c, conversation.organizationId(), List.of(conversation.id()), null, ask.actorId());
            roster.released(holder);
        }
        UUID preferred = ask.trigger() == Trigger.FIRST_TOUCH ? null
                : holder != null ? holder : conversation.preferredUserId();
        Instant since = routing.enqueue(c, conversation.organizationId(), conversation.id(), preferred, now);
        routing.announceQueued(c, conversation.organizationId(), conversation.id(), roster.teamId(), since);
    }

    Decision record(Connection c, RoutedConversation conversation, Roster roster, Strategy strategy, Ask ask,
                    Instant now, UUID to, Outcome outcome, String reason, List<Skipped> skipped) throws SQLException {
        Decision d = new Decision(Ids.newId(), conversation.id(), roster.teamId(), now, ask.trigger(), strategy.name(),
                ask.actorId(), conversation.assigneeUserId(), to, outcome, reason, List.copyOf(skipped));
        store.record(c, conversation.organizationId(), d);
        return d;
    }
}
