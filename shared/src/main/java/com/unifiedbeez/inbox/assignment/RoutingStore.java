package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The routing aggregate's store, the only writer of {@code conversation_routing}: the team queue,
 * a reopened conversation's previous agent, required skills and the first-touch timer. Queueing is
 * announced ({@code conversation:queued}); the assignment itself is the conversation store's.
 */
@Singleton
public final class RoutingStore {
    private final DomainEvents events;

    @Inject
    public RoutingStore(DomainEvents events) {
        this.events = events;
    }

    /** {@code conversation:queued}'s payload: waiting in its team's queue since {@code queuedAt}. */
    private record Queued(UUID conversationId, UUID teamId, Instant queuedAt) {
    }

    /** The conversation as routing sees it, with its team and routing row (none: never routed). */
    public Optional<RoutedConversation> find(Connection c, UUID organizationId, UUID conversationId) throws SQLException {
        return Sql.one(c, """
                SELECT cv.id, cv.organization_id, cv.assignee_team_id, cv.status, cv.priority, cv.channel,
                       cv.assignee_user_id, coalesce(cv.metadata ->> 'language', ct.metadata ->> 'language') AS language,
                       ARRAY(SELECT l.name FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id
                              WHERE cl.conversation_id = cv.id ORDER BY l.name) AS labels,
                       r.required_skills, r.queued_at, r.preferred_user_id, coalesce(r.touch_reassignments, 0) AS touches
                  FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                  LEFT JOIN conversation_routing r ON r.conversation_id = cv.id
                 WHERE cv.organization_id = ? AND cv.id = ?""",
                RoutingStore::routed, organizationId, conversationId);
    }

    private static RoutedConversation routed(ResultSet r) throws SQLException {
        return new RoutedConversation(Sql.uuid(r, "id"), Sql.uuid(r, "organization_id"), Sql.uuid(r, "assignee_team_id"),
                ConversationStatus.parse(r.getString("status")).orElseThrow(), r.getString("priority"),
                Channel.parse(r.getString("channel")).orElseThrow(), r.getString("language"),
                List.of(texts(r.getArray("labels"))), Set.of(texts(r.getArray("required_skills"))),
                Sql.uuid(r, "assignee_user_id"), Sql.instant(r, "queued_at"), Sql.uuid(r, "preferred_user_id"),
                r.getInt("touches"));
    }

    private static String[] texts(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    /**
     * The conversation waits in its team's queue (since the first time, if it already waits), to go
     * back to {@code preferredUserId} when they are eligible again. Returns since when it waits.
     * Not announced here: an arrival waits only until its decision, which announces what it decided.
     */
    public Instant enqueue(Connection c, UUID organizationId, UUID conversationId, UUID preferredUserId, Instant at)
            throws SQLException {
        return Sql.one(c, """
                INSERT INTO conversation_routing (conversation_id, organization_id, queued_at, preferred_user_id)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE
                   SET queued_at = coalesce(conversation_routing.queued_at, excluded.queued_at),
                       preferred_user_id = coalesce(excluded.preferred_user_id, conversation_routing.preferred_user_id),
                       assigned_at = NULL, touch_due_at = NULL
                RETURNING queued_at""", r -> Sql.instant(r, "queued_at"), conversationId, organizationId, at,
                preferredUserId).orElseThrow();
    }

    /** Nobody could take it: {@code conversation:queued}. */
    public void announceQueued(Connection c, UUID organizationId, UUID conversationId, UUID teamId, Instant since)
            throws SQLException {
        events.emit(c, organizationId, conversationId, DomainEvents.CONVERSATION_QUEUED,
                new Queued(conversationId, teamId, since));
    }

    /**
     * An agent got the conversation at {@code at}: it leaves the queue, and their first-touch timer
     * runs until {@code touchDue} (null: none). {@code missedTouch} counts a reassignment for a
     * missed first touch; any other assignment starts the count again.
     */
    public void assigned(Connection c, UUID organizationId, UUID conversationId, Instant at, Instant touchDue,
                         boolean missedTouch) throws SQLException {
        Sql.update(c, """
                INSERT INTO conversation_routing (conversation_id, organization_id, assigned_at, touch_due_at,
                                                  touch_reassignments)
                VALUES (?, ?, ?, ?, CASE WHEN ? THEN 1 ELSE 0 END)
                ON CONFLICT (conversation_id) DO UPDATE
                   SET queued_at = NULL, preferred_user_id = NULL, assigned_at = excluded.assigned_at,
                       touch_due_at = excluded.touch_due_at,
                       touch_reassignments = CASE WHEN ? THEN conversation_routing.touch_reassignments + 1 ELSE 0 END""",
                conversationId, organizationId, at, touchDue, missedTouch, missedTouch);
    }

    /** Out of the queue and without a timer: resolved, closed, or assigned by hand. */
    public void settle(Connection c, UUID conversationId) throws SQLException {
        Sql.update(c, """
                UPDATE conversation_routing SET queued_at = NULL, preferred_user_id = NULL, touch_due_at = NULL
                 WHERE conversation_id = ? AND (queued_at IS NOT NULL OR touch_due_at IS NOT NULL)""", conversationId);
    }

    /** The agent replied in time: the timer stops and the count of misses starts again. */
    public void touched(Connection c, UUID conversationId) throws SQLException {
        Sql.update(c, "UPDATE conversation_routing SET touch_due_at = NULL, touch_reassignments = 0 WHERE conversation_id = ?",
                conversationId);
    }

    public void requireSkills(Connection c, UUID organizationId, UUID conversationId, Set<String> skills)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO conversation_routing (conversation_id, organization_id, required_skills) VALUES (?, ?, ?::text[])
                ON CONFLICT (conversation_id) DO UPDATE SET required_skills = excluded.required_skills""",
                conversationId, organizationId, List.copyOf(skills));
    }

    /** A team's queue in the order it is served: urgent before high before normal before low, then oldest first. */
    public List<UUID> queue(Connection c, UUID organizationId, UUID teamId, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT r.conversation_id FROM conversation_routing r JOIN conversations cv ON cv.id = r.conversation_id
                 WHERE r.organization_id = ? AND r.queued_at IS NOT NULL AND cv.assignee_team_id = ?
                 ORDER BY array_position(ARRAY['urgent', 'high', 'normal', 'low'], cv.priority), r.queued_at,
                          r.conversation_id
                 LIMIT ?""", r -> Sql.uuid(r, "conversation_id"), organizationId, teamId, limit);
    }

    /** The teams with a queue, by organization: what a sweep drains. */
    public Map<UUID, Set<UUID>> queuedTeams(Connection c) throws SQLException {
        record Row(UUID organizationId, UUID teamId) {
        }
        return Sql.list(c, """
                SELECT DISTINCT r.organization_id, cv.assignee_team_id FROM conversation_routing r
                  JOIN conversations cv ON cv.id = r.conversation_id
                 WHERE r.queued_at IS NOT NULL AND cv.assignee_team_id IS NOT NULL""",
                r -> new Row(Sql.uuid(r, "organization_id"), Sql.uuid(r, "assignee_team_id")))
                .stream().collect(Collectors.groupingBy(Row::organizationId,
                        Collectors.mapping(Row::teamId, Collectors.toSet())));
    }

    /** A conversation whose first-touch deadline passed, with who holds it and since when. */
    public record DueTouch(UUID organizationId, UUID conversationId, UUID assigneeUserId, Instant assignedAt) {
    }

    public List<DueTouch> dueTouches(Connection c, Instant now, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT r.organization_id, r.conversation_id, cv.assignee_user_id, r.assigned_at
                  FROM conversation_routing r JOIN conversations cv ON cv.id = r.conversation_id
                 WHERE r.touch_due_at <= ? ORDER BY r.touch_due_at LIMIT ?""",
                r -> new DueTouch(Sql.uuid(r, "organization_id"), Sql.uuid(r, "conversation_id"),
                        Sql.uuid(r, "assignee_user_id"), Sql.instant(r, "assigned_at")), now, limit);
    }

    /** Whether {@code userId} replied publicly in the conversation at or after {@code since}: a first touch. */
    public boolean repliedSince(Connection c, UUID conversationId, UUID userId, Instant since) throws SQLException {
        return Sql.one(c, """
                SELECT 1 FROM messages
                 WHERE conversation_id = ? AND direction = 'outbound' AND sender_type = 'user' AND sender_user_id = ?
                   AND created_at >= ? AND deleted_at IS NULL LIMIT 1""", r -> 1, conversationId, userId, since).isPresent();
    }

    /**
     * An absent agent's open conversations in the team that they have not replied to since
     * {@code quietSince}: what goes back to the strategy.
     */
    public List<UUID> staleOf(Connection c, UUID organizationId, UUID teamId, UUID userId, Instant quietSince)
            throws SQLException {
        return Sql.list(c, """
                SELECT cv.id FROM conversations cv
                 WHERE cv.organization_id = ? AND cv.assignee_team_id = ? AND cv.assignee_user_id = ?
                   AND cv.status IN ('new', 'active')
                   AND NOT EXISTS (SELECT 1 FROM messages m
                                    WHERE m.conversation_id = cv.id AND m.direction = 'outbound' AND m.sender_type = 'user'
                                      AND m.sender_user_id = cv.assignee_user_id AND m.created_at > ?)
                 ORDER BY cv.last_message_at, cv.id""",
                r -> Sql.uuid(r, "id"), organizationId, teamId, userId, quietSince);
    }
}
