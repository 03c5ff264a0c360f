package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
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

    @Inject
    public ConversationAssigner(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
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

    private int apply(Connection c, Caller caller, List<UUID> ids, Target target) throws SQLException {
        return target.team()
                ? conversations.assignTeam(c, caller.organizationId(), ids, target.id(), caller.userId())
                : conversations.assignAgent(c, caller.organizationId(), ids, target.id(), caller.userId());
    }
}
