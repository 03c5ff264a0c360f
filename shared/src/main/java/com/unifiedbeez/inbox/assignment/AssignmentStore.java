package com.unifiedbeez.inbox.assignment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.realtime.PresenceStatus;
import com.unifiedbeez.inbox.settings.AutoAssignment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The SQL of assignment: the organization's assignment lock, a team's members with their load,
 * the round-robin rotation ({@code team_members.last_assigned_at}) and the decision history
 * ({@code assignment_decisions}).
 */
@Singleton
public final class AssignmentStore {
    private static final ObjectReader SKIPPED = Json.mapper().readerFor(new TypeReference<List<Skipped>>() { });

    /**
     * The bare candidate query (the bench's floor): a team's active members, each with their open
     * conversations, in the order they joined (so a decision's skipped list reads the same every time).
     */
    public static final String MEMBERS = """
            SELECT u.id, u.name, u.status, m.skills, m.senior, m.max_concurrent_conversations, m.last_assigned_at,
                   m.joined_at,
                   (SELECT count(*) FROM conversations c
                     WHERE c.organization_id = m.organization_id AND c.assignee_user_id = m.user_id
                       AND c.status IN ('new', 'active')) AS load
              FROM team_members m JOIN users u ON u.id = m.user_id AND u.organization_id = m.organization_id
             WHERE m.organization_id = ? AND m.team_id = ? AND u.deactivated_at IS NULL
             ORDER BY m.joined_at, m.user_id""";

    @Inject
    public AssignmentStore() {
    }

    /**
     * Serializes the organization's automatic decisions until commit: capacity is counted and the
     * rotation advanced by one decision at a time, so concurrent arrivals never overfill an agent
     * (who may be in several teams: the budget is the agent's) nor share a turn.
     */
    public void lockOrganization(Connection c, UUID organizationId) throws SQLException {
        Sql.one(c, "SELECT pg_advisory_xact_lock(hashtextextended('assignment:' || ?::text, 0))", r -> 1, organizationId);
    }

    public List<Candidate> members(Connection c, UUID organizationId, UUID teamId, AutoAssignment settings)
            throws SQLException {
        return Sql.list(c, MEMBERS, r -> candidate(r, settings), organizationId, teamId);
    }

    private static Candidate candidate(ResultSet r, AutoAssignment settings) throws SQLException {
        int own = r.getInt("max_concurrent_conversations");
        int capacity = r.wasNull() ? settings.maxConversationsPerAgent() : Math.min(own, settings.maxConversationsPerAgent());
        return new Candidate(Sql.uuid(r, "id"), r.getString("name"),
                PresenceStatus.parse(r.getString("status")).orElse(PresenceStatus.OFFLINE), r.getInt("load"), capacity,
                skills(r.getArray("skills")), r.getBoolean("senior"), Sql.instant(r, "last_assigned_at"),
                Sql.instant(r, "joined_at"));
    }

    private static Set<String> skills(Array array) throws SQLException {
        return array == null ? Set.of() : Arrays.stream((String[]) array.getArray()).map(RequiredSkills::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** A member as routing knows them. */
    public record MemberRoutingView(UUID teamId, UUID userId, List<String> skills, boolean senior,
                                    Integer maxConversations) {
    }

    /** Changes what is given (null: unchanged); empty when the user is no member of the organization's team. */
    public Optional<MemberRoutingView> updateMember(Connection c, UUID organizationId, UUID teamId, UUID userId,
                                                    List<String> skills, Boolean senior, Integer maxConversations,
                                                    boolean clearMax) throws SQLException {
        return Sql.one(c, """
                UPDATE team_members
                   SET skills = coalesce(?::text[], skills), senior = coalesce(?::boolean, senior),
                       max_concurrent_conversations = CASE WHEN ? THEN NULL
                                                           ELSE coalesce(?::integer, max_concurrent_conversations) END
                 WHERE organization_id = ? AND team_id = ? AND user_id = ?
                RETURNING team_id, user_id, skills, senior, max_concurrent_conversations""",
                r -> {
                    int max = r.getInt("max_concurrent_conversations");
                    Integer own = r.wasNull() ? null : max;
                    return new MemberRoutingView(Sql.uuid(r, "team_id"), Sql.uuid(r, "user_id"),
                            List.of((String[]) r.getArray("skills").getArray()), r.getBoolean("senior"), own);
                }, skills, senior, clearMax, maxConversations, organizationId, teamId, userId);
    }

    /** The organization's active admins: who is told of an escalation. */
    public List<UUID> admins(Connection c, UUID organizationId) throws SQLException {
        return Sql.list(c, "SELECT id FROM users WHERE organization_id = ? AND role = 'admin' AND deactivated_at IS NULL",
                r -> Sql.uuid(r, "id"), organizationId);
    }

    /** The member's turn in the rotation was used now (clock time: a drain makes many turns in one transaction). */
    public void advanceRotation(Connection c, UUID teamId, UUID userId) throws SQLException {
        Sql.update(c, "UPDATE team_members SET last_assigned_at = clock_timestamp() WHERE team_id = ? AND user_id = ?",
                teamId, userId);
    }

    public void record(Connection c, UUID organizationId, Decision d) throws SQLException {
        Sql.update(c, """
                INSERT INTO assignment_decisions (id, organization_id, conversation_id, team_id, decided_at, trigger,
                                                  strategy, actor_id, from_user_id, to_user_id, outcome, reason, skipped)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""",
                d.id(), organizationId, d.conversationId(), d.teamId(), d.decidedAt(), d.trigger(), d.strategy(),
                d.actorId(), d.fromUserId(), d.toUserId(), d.outcome(), d.reason(), Json.write(d.skipped()));
    }

    /** A conversation's decisions, oldest first, after {@code (afterAt, afterId)} when given. */
    public List<Decision> history(Connection c, UUID organizationId, UUID conversationId, Instant afterAt,
                                  UUID afterId, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT * FROM assignment_decisions
                 WHERE organization_id = ? AND conversation_id = ?
                   AND (?::timestamptz IS NULL OR (decided_at, id) > (?::timestamptz, ?::uuid))
                 ORDER BY decided_at, id LIMIT ?""",
                AssignmentStore::decision, organizationId, conversationId, afterAt, afterAt, afterId, limit);
    }

    private static Decision decision(ResultSet r) throws SQLException {
        try {
            return new Decision(Sql.uuid(r, "id"), Sql.uuid(r, "conversation_id"), Sql.uuid(r, "team_id"),
                    Sql.instant(r, "decided_at"), Trigger.valueOf(r.getString("trigger").toUpperCase(Locale.ROOT)),
                    r.getString("strategy") == null ? null : AssignmentStrategy.fromWire(r.getString("strategy")),
                    Sql.uuid(r, "actor_id"), Sql.uuid(r, "from_user_id"), Sql.uuid(r, "to_user_id"),
                    Outcome.valueOf(r.getString("outcome").toUpperCase(Locale.ROOT)), r.getString("reason"),
                    SKIPPED.readValue(r.getString("skipped")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
