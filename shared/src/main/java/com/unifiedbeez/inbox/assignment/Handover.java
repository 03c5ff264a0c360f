package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.settings.AutoAssignment;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What the hand-made assignments share (assign, claim, transfer, bulk reassign): finding the
 * conversation, checking who may act and who may receive it, and the handover itself — the
 * assignment, the routing state (out of the queue, the first-touch timer) and the recorded decision.
 */
@Singleton
public final class Handover {
    private final ConversationStore conversations;
    private final RoutingStore routing;
    private final AssignmentStore store;
    private final SettingsResolver settings;
    private final AutoAssigner assigner;

    @Inject
    public Handover(ConversationStore conversations, RoutingStore routing, AssignmentStore store,
                    SettingsResolver settings, AutoAssigner assigner) {
        this.conversations = conversations;
        this.routing = routing;
        this.store = store;
        this.settings = settings;
        this.assigner = assigner;
    }

    /**
     * The conversation, row-locked, under the organization's assignment lock: a hand-made
     * assignment and an automatic decision (a drain reads the queue under that lock, then writes)
     * take turns, so neither overwrites what the other has just decided; so do concurrent claims.
     */
    public RoutedConversation lock(Connection c, Caller caller, UUID conversationId) throws SQLException {
        lockOrganization(c, caller);
        conversations.require(c, caller.organizationId(), conversationId, true);
        return routing.find(c, caller.organizationId(), conversationId).orElseThrow();
    }

    /** The organization's assignment lock ({@link AssignmentStore#lockOrganization}): always before any row lock. */
    public void lockOrganization(Connection c, Caller caller) throws SQLException {
        store.lockOrganization(c, caller.organizationId());
    }

    /** An agent acts on a team's conversations only as its member; an admin on any. */
    public void requireActor(Connection c, Caller caller, RoutedConversation conversation) throws SQLException {
        if (caller.isAdmin() || conversation.teamId() == null || member(c, conversation.teamId(), caller.userId())) {
            return;
        }
        throw ApiException.forbidden("only members of the conversation's team (or an admin) may do this");
    }

    /**
     * Who may receive a conversation: an active user of the organization, and a member of its team
     * when it has one. Anything else is 400 naming {@code field}, and nothing changes.
     */
    public PartyRef requireRecipient(Connection c, Caller caller, RoutedConversation conversation, UUID userId,
                                     String field) throws SQLException {
        record User(String name, boolean active) {
        }
        Optional<User> user = Sql.one(c, "SELECT name, deactivated_at IS NULL AS active FROM users WHERE organization_id = ? AND id = ?",
                r -> new User(r.getString("name"), r.getBoolean("active")), caller.organizationId(), userId);
        if (user.isEmpty()) {
            throw ApiException.invalid(field, "unknown agent " + userId);
        }
        if (!user.get().active()) {
            throw ApiException.invalid(field, "agent " + userId + " is deactivated");
        }
        if (conversation.teamId() != null && !member(c, conversation.teamId(), userId)) {
            throw ApiException.invalid(field, "agent " + userId + " is not a member of the conversation's team "
                    + conversation.teamId());
        }
        return new PartyRef(userId, user.get().name());
    }

    public void requireOpen(RoutedConversation conversation) {
        if (!conversation.status().isOpen()) {
            throw ApiException.conflict("conversation-not-open", "the conversation is " + conversation.status().wireName()
                    + "; reopen it first");
        }
    }

    /** 409 naming who holds it. */
    public ApiException held(Connection c, RoutedConversation conversation, String detail) throws SQLException {
        PartyRef holder = Sql.one(c, "SELECT id, name FROM users WHERE id = ?",
                r -> new PartyRef(Sql.uuid(r, "id"), r.getString("name")), conversation.assigneeUserId()).orElseThrow();
        return new ApiException(409, "already-assigned", "Conflict", detail + " (held by " + holder.name() + ")",
                List.of(), Map.of("assignedTo", holder));
    }

    /** Gives the conversation to {@code to} on {@code caller}'s behalf and records why. */
    public Decision give(Connection c, Caller caller, RoutedConversation conversation, UUID to, Trigger trigger,
                         String reason) throws SQLException {
        conversations.assignAgent(c, caller.organizationId(), List.of(conversation.id()), to, caller.userId());
        return byHand(c, caller, conversation, to, trigger, reason);
    }

    /**
     * The routing side of an assignment a person made (the conversation store has written it):
     * out of the queue, the first-touch timer for the new agent (none when unassigned), and the
     * decision recorded. {@code conversation} is the state before.
     */
    public Decision byHand(Connection c, Caller caller, RoutedConversation conversation, UUID to, Trigger trigger,
                           String reason) throws SQLException {
        UUID org = caller.organizationId();
        Instant now = assigner.now();
        if (to == null) {
            routing.settle(c, conversation.id());
            Decision d = new Decision(Ids.newId(), conversation.id(), conversation.teamId(), now, trigger, null,
                    caller.userId(), conversation.assigneeUserId(), null, Outcome.UNASSIGNED, reason, List.of());
            store.record(c, org, d);
            return d;
        }
        Instant due = null;
        if (conversation.teamId() != null) {
            AutoAssignment team = settings.forTeam(c, org, conversation.teamId()).autoAssignment();
            due = team.enabled() ? team.firstTouch().map(now::plus).orElse(null) : null;
        }
        routing.assigned(c, org, conversation.id(), now, due, false);
        Decision d = new Decision(Ids.newId(), conversation.id(), conversation.teamId(), now, trigger, null,
                caller.userId(), conversation.assigneeUserId(), to, Outcome.ASSIGNED, reason, List.of());
        store.record(c, org, d);
        return d;
    }

    private static boolean member(Connection c, UUID teamId, UUID userId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM team_members WHERE team_id = ? AND user_id = ?", r -> 1, teamId, userId)
                .isPresent();
    }
}
