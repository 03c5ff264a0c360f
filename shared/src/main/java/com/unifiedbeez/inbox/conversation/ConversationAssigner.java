package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.assignment.Handover;
import com.unifiedbeez.inbox.assignment.RoutedConversation;
import com.unifiedbeez.inbox.assignment.RoutingStore;
import com.unifiedbeez.inbox.assignment.Trigger;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Assigns conversations to an agent or a team. Assigning an agent keeps the team; assigning a
 * team keeps the agent only if the agent is in that team. A null assignee unassigns.
 */
@Singleton
public final class ConversationAssigner {
    private final Database database;
    private final ConversationStore conversations;
    private final RoutingStore routing;
    private final Handover handover;

    @Inject
    public ConversationAssigner(Database database, ConversationStore conversations, RoutingStore routing,
                                Handover handover) {
        this.database = database;
        this.conversations = conversations;
        this.routing = routing;
        this.handover = handover;
    }

    /** A validated assignee: who, and whether it is an agent or a team. */
    record Target(boolean team, UUID id) {
    }

    public ConversationSummaryView assign(Caller caller, UUID conversationId, AssignRequest request) {
        Validation v = new Validation();
        // {"assigneeId": null} alone unassigns the agent (README); naming an assignee still needs its type.
        String type = request.assigneeType() == null && request.assigneeId() == null ? "user" : request.assigneeType();
        Target target = target(v, type, request.assigneeId());
        v.throwIfInvalid();
        return database.transaction(c -> {
            handover.lockOrganization(c, caller); // before the row: automatic decisions take them in this order
            conversations.require(c, caller.organizationId(), conversationId, true);
            checkExists(c, caller, target);
            apply(c, caller, List.of(conversationId), target);
            return conversations.summary(c, caller, conversationId).orElseThrow();
        });
    }

    public BulkResultView bulkAssign(Caller caller, BulkAssignRequest request) {
        Validation v = new Validation();
        List<UUID> ids = v.uuids("conversationIds", request.conversationIds(), BulkAssignRequest.MAX_CONVERSATIONS);
        Target target = target(v, request.assigneeType() == null ? "user" : request.assigneeType(), request.assigneeId());
        v.throwIfInvalid();
        return database.transaction(c -> {
            handover.lockOrganization(c, caller);
            List<UUID> found = conversations.lockAll(c, caller.organizationId(), ids);
            Validation unknown = new Validation();
            unknown.known("conversationIds", ids, new HashSet<>(found), "conversation");
            unknown.throwIfInvalid();
            checkExists(c, caller, target);
            return new BulkResultView(ids.size(), apply(c, caller, ids, target));
        });
    }

    private static Target target(Validation v, String type, String assigneeId) {
        if (!"user".equals(type) && !"team".equals(type)) {
            v.add("assigneeType", "must be 'user' or 'team'");
            return null;
        }
        UUID id = assigneeId == null ? null : v.uuid("assigneeId", assigneeId);
        return new Target("team".equals(type), id);
    }

    private static void checkExists(Connection c, Caller caller, Target target) throws SQLException {
        if (target.id() == null) {
            return;
        }
        String sql = target.team()
                ? "SELECT 1 FROM teams WHERE organization_id = ? AND id = ?"
                : "SELECT 1 FROM users WHERE organization_id = ? AND id = ? AND deactivated_at IS NULL";
        if (Sql.one(c, sql, r -> 1, caller.organizationId(), target.id()).isEmpty()) {
            throw ApiException.invalid("assigneeId", "unknown " + (target.team() ? "team " : "agent ") + target.id());
        }
    }

    /**
     * Assigns, and tells routing: an agent given or taken by hand leaves the team queue and the
     * decision is recorded; a conversation moved to another team leaves its old team's queue.
     */
    private int apply(Connection c, Caller caller, List<UUID> ids, Target target) throws SQLException {
        List<RoutedConversation> before = new ArrayList<>();
        for (UUID id : ids) {
            routing.find(c, caller.organizationId(), id).ifPresent(before::add);
        }
        if (target.team()) {
            int n = conversations.assignTeam(c, caller.organizationId(), ids, target.id(), caller.userId());
            for (RoutedConversation conversation : before) {
                if (!Objects.equals(conversation.teamId(), target.id())) {
                    routing.settle(c, conversation.id());
                }
            }
            return n;
        }
        int n = conversations.assignAgent(c, caller.organizationId(), ids, target.id(), caller.userId());
        for (RoutedConversation conversation : before) {
            if (!Objects.equals(conversation.assigneeUserId(), target.id()) || conversation.queued()) {
                handover.byHand(c, caller, conversation, target.id(), Trigger.MANUAL,
                        target.id() == null ? "unassigned by hand" : "assigned by hand");
            }
        }
        return n;
    }
}
