package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.assignment.RoutingStore.DueTouch;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The first-touch deadline: an assigned agent who has not replied publicly within the team's
 * {@code firstTouchMinutes} loses the conversation to the strategy (without them), and the timer
 * starts again for the next agent. After {@code escalateAfterReassignments} misses in a row it
 * escalates instead: back to the queue without an agent, and the admins are told
 * ({@code conversation:escalated}). Every step is a recorded decision.
 */
@Singleton
public final class TouchDeadlines {
    static final int BATCH = 200;

    private final Database database;
    private final AssignmentStore store;
    private final RoutingStore routing;
    private final AutoAssigner assigner;
    private final ConversationStore conversations;
    private final DomainEvents events;

    @Inject
    public TouchDeadlines(Database database, AssignmentStore store, RoutingStore routing, AutoAssigner assigner,
                          ConversationStore conversations, DomainEvents events) {
        this.database = database;
        this.store = store;
        this.routing = routing;
        this.assigner = assigner;
        this.conversations = conversations;
        this.events = events;
    }

    /** {@code conversation:escalated}'s payload, to the organization's admins. */
    private record Escalated(UUID conversationId, UUID teamId, int missedFirstTouches, UUID decisionId) {
    }

    /** Checks every deadline passed by now; returns how many conversations were reassigned or escalated. */
    public int check() {
        int moved = 0;
        while (true) {
            List<DueTouch> due = database.read(c -> routing.dueTouches(c, assigner.now(), BATCH));
            for (DueTouch touch : due) {
                if (database.transaction(c -> one(c, touch))) {
                    moved++;
                }
            }
            if (due.size() < BATCH) {
                return moved;
            }
        }
    }

    private boolean one(Connection c, DueTouch touch) throws SQLException {
        store.lockOrganization(c, touch.organizationId());
        Optional<RoutedConversation> found = routing.find(c, touch.organizationId(), touch.conversationId());
        if (found.isEmpty()) {
            return false;
        }
        RoutedConversation conversation = found.get();
        UUID agent = conversation.assigneeUserId();
        if (!conversation.status().isOpen() || conversation.teamId() == null || agent == null
                || !agent.equals(touch.assigneeUserId())) {
            routing.settle(c, conversation.id()); // resolved, unassigned or moved meanwhile: no timer runs
            return false;
        }
        if (routing.repliedSince(c, conversation.id(), agent, touch.assignedAt())) {
            routing.touched(c, conversation.id());
            return false;
        }
        Roster roster = assigner.roster(c, touch.organizationId(), conversation.teamId());
        int limit = roster.settings().escalateAfterReassignments();
        if (conversation.touchReassignments() >= limit) {
            escalate(c, conversation, roster, limit);
            return true;
        }
        return assigner.decide(c, conversation, roster, new Ask(Trigger.FIRST_TOUCH, null, null, agent)).isPresent();
    }

    private void escalate(Connection c, RoutedConversation conversation, Roster roster, int misses) throws SQLException {
        UUID org = conversation.organizationId();
        conversations.assignAgent(c, org, List.of(conversation.id()), null, null);
        Instant since = routing.enqueue(c, org, conversation.id(), null, assigner.now());
        routing.announceQueued(c, org, conversation.id(), roster.teamId(), since);
        Ask ask = new Ask(Trigger.ESCALATION, null, null, conversation.assigneeUserId());
        Decision d = assigner.record(c, conversation, roster, Strategy.of(roster.settings().strategy()), ask,
                assigner.now(), null, Outcome.ESCALATED, "no agent replied within the first-touch deadline "
                        + (misses + 1) + " times in a row: back to the queue, admins told", List.of());
        events.emitTo(c, org, conversation.id(), DomainEvents.CONVERSATION_ESCALATED,
                new Escalated(conversation.id(), roster.teamId(), misses + 1, d.id()), store.admins(c, org));
    }
}
