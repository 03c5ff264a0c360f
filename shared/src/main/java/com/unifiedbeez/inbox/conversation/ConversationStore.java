package com.unifiedbeez.inbox.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.Assignee;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.ContactRef;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.LabelRef;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.Previews;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The conversation aggregate's one store: every read and every write of a conversation row, its
 * labels and its read marks goes through here (services decide, the store writes), so a rule about
 * conversations cannot be bypassed by an UPDATE somewhere else. Reads are organization-scoped; a
 * write that takes bare ids runs after the caller's service has found and locked the rows.
 */
@Singleton
public final class ConversationStore {
    /** Unread counts stop here: a badge shows "99+" and the count stays cheap. */
    public static final int UNREAD_CAP = 100;
    private static final String UNIQUE_VIOLATION = "23505";

    /** What an assignment's UPDATE returns: the holders after it, and before it. */
    private static final String ASSIGNED = """
            conversations.id, conversations.assignee_user_id, conversations.assignee_team_id,
            before.assignee_user_id AS previous_user_id, before.assignee_team_id AS previous_team_id""";

    private static final ObjectReader LABELS = Json.mapper().readerFor(new TypeReference<List<LabelRef>>() { });

    // The page's ids are chosen first from the conversations table alone (an index range scan in
    // activity order, index-only where the filters allow), then the rows are read and decorated:
    // contact, assignee names, labels and the caller's unread count.
    private static final String SUMMARY_SELECT = """
            SELECT c.id, c.status, c.priority, c.channel, c.subject, c.last_message_preview, c.last_message_at,
                   c.last_inbound_at, c.created_at, c.updated_at,
                   c.contact_id, ct.name AS contact_name, ct.avatar_url AS contact_avatar,
                   c.assignee_user_id, u.name AS assignee_user_name, c.assignee_team_id, t.name AS assignee_team_name,
                   (SELECT count(*) FROM (SELECT 1 FROM messages m
                                           WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                                             AND m.created_at > coalesce(r.last_read_at, '-infinity')
                                           LIMIT %d) unread) AS unread_count,
                   (SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'color', l.color)
                                             ORDER BY l.name), '[]')
                      FROM conversation_labels cl JOIN labels l ON l.id = cl.label_id
                     WHERE cl.conversation_id = c.id) AS labels
              FROM (%s) page
              JOIN conversations c ON c.id = page.id
              JOIN contacts ct ON ct.id = c.contact_id
              LEFT JOIN users u ON u.id = c.assignee_user_id
              LEFT JOIN teams t ON t.id = c.assignee_team_id
              LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ?
             ORDER BY c.last_message_at DESC, c.id DESC
            """;

    private final DomainEvents events;

    @Inject
    public ConversationStore(DomainEvents events) {
        this.events = events;
    }

    /** The conversation if it belongs to the caller's organization; {@code forUpdate} locks it. */
    public Optional<ConversationRow> find(Connection c, UUID organizationId, UUID id, boolean forUpdate) throws SQLException {
        return Sql.one(c, """
                SELECT id, organization_id, contact_id, channel, channel_connection_id, status, assignee_user_id, assignee_team_id,
                       last_inbound_at
                  FROM conversations WHERE organization_id = ? AND id = ?""" + (forUpdate ? " FOR UPDATE" : ""),
                ConversationStore::row, organizationId, id);
    }

    public ConversationRow require(Connection c, UUID organizationId, UUID id, boolean forUpdate) throws SQLException {
        return find(c, organizationId, id, forUpdate).orElseThrow(() -> ApiException.notFound("conversation", id));
    }

    /**
     * A resolved or closed conversation may become active again unless the customer already has
     * another open one on that channel: new messages belong there, or the thread would split.
     */
    public void requireReopenable(Connection c, ConversationRow conversation) throws SQLException {
        if (conversation.status().isOpen()) {
            return;
        }
        Optional<UUID> open = openConversation(c, conversation.contactId(), conversation.channel(),
                conversation.channelConnectionId(), conversation.id());
        if (open.isPresent()) {
            throw ApiException.conflict("conversation-superseded", "the customer has another open conversation on "
                    + conversation.channel().wireName() + ": continue in " + open.get());
        }
    }

    /**
     * The contact's open (new or active) conversation on a channel connection other than
     * {@code except} (null: any); the one-open unique index allows at most one.
     */
    public Optional<UUID> openConversation(Connection c, UUID contactId, Channel channel, UUID connectionId, UUID except)
            throws SQLException {
        return Sql.one(c, """
                SELECT id FROM conversations
                 WHERE contact_id = ? AND channel = ? AND channel_connection_id IS NOT DISTINCT FROM ?
                   AND status IN ('new', 'active') AND id IS DISTINCT FROM ?""",
                r -> Sql.uuid(r, "id"), contactId, channel, connectionId, except);
    }

    /** A conversation found by routing: its status decides whether a message joins, reopens or starts anew. */
    public record Found(UUID id, ConversationStatus status, UUID contactId) {
    }

    /**
     * The conversation of the nearest referenced message (email In-Reply-To/References, nearest
     * first) stored on this connection, whoever wrote it. Message-IDs are unique per connection
     * (messages_external_once), and only a participant of the thread has them.
     */
    public Optional<Found> threadOf(Connection c, UUID organizationId, UUID connectionId, List<String> references)
            throws SQLException {
        if (references.isEmpty()) {
            return Optional.empty();
        }
        return Sql.one(c, """
                SELECT cv.id, cv.status, cv.contact_id FROM messages m
                  JOIN conversations cv ON cv.id = m.conversation_id
                 WHERE m.organization_id = ? AND m.channel_connection_id = ? AND m.external_id = ANY(?::text[])
                 ORDER BY array_position(?::text[], m.external_id) LIMIT 1""",
                ConversationStore::found, organizationId, connectionId, references, references);
    }

    /** The contact's most recent conversation on a channel connection, whatever its status. */
    public Optional<Found> latest(Connection c, UUID organizationId, UUID contactId, Channel channel, UUID connectionId)
            throws SQLException {
        return Sql.one(c, """
                SELECT id, status, contact_id FROM conversations
                 WHERE organization_id = ? AND contact_id = ? AND channel = ? AND channel_connection_id = ?
                 ORDER BY last_message_at DESC, id DESC LIMIT 1""",
                ConversationStore::found, organizationId, contactId, channel, connectionId);
    }

    private static Found found(ResultSet r) throws SQLException {
        return new Found(Sql.uuid(r, "id"), ConversationStatus.parse(r.getString("status")).orElseThrow(),
                Sql.uuid(r, "contact_id"));
    }

    /** Locks the organization's conversations among {@code ids} and returns the ids found (bulk actions). */
    public List<UUID> lockAll(Connection c, UUID organizationId, List<UUID> ids) throws SQLException {
        return Sql.list(c, "SELECT id FROM conversations WHERE organization_id = ? AND id = ANY(?::uuid[]) FOR UPDATE",
                r -> Sql.uuid(r, "id"), organizationId, ids);
    }

    /**
     * An agent's new conversation, active and assigned to them; false when the one-open index
     * refuses it (the contact got an open conversation on this connection meanwhile).
     */
    public boolean insertActive(Connection c, ConversationRow row, Instant at, String preview) throws SQLException {
        try {
            Sql.update(c, """
                    INSERT INTO conversations (id, organization_id, contact_id, channel, channel_connection_id, status,
                                               assignee_user_id, last_message_at, last_message_preview, last_inbound_at,
                                               created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)""",
                    row.id(), row.organizationId(), row.contactId(), row.channel(), row.channelConnectionId(),
                    row.assigneeUserId(), at, preview, row.lastInboundAt(), at, at);
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * A customer's new conversation ({@code new}), in the team its channel connection routes to;
     * false when a conversation opened concurrently holds the one-open index — the caller then uses
     * that one.
     */
    public boolean insertNew(Connection c, UUID id, UUID organizationId, UUID contactId, Channel channel,
                             UUID connectionId, String subject, Instant firstMessageAt) throws SQLException {
        return Sql.update(c, """
                INSERT INTO conversations (id, organization_id, contact_id, channel, channel_connection_id, status, subject,
                                           last_message_at, assignee_team_id)
                VALUES (?, ?, ?, ?, ?, 'new', ?, ?, (SELECT team_id FROM channel_connections WHERE id = ?))
                ON CONFLICT (contact_id, channel, coalesce(channel_connection_id, '00000000-0000-0000-0000-000000000000'::uuid))
                   WHERE status IN ('new', 'active') DO NOTHING""",
                id, organizationId, contactId, channel, connectionId, subject, firstMessageAt, connectionId) == 1;
    }

    /** The first subject seen stays: a later "Re: …" does not rename the conversation. */
    public void learnSubject(Connection c, UUID organizationId, UUID id, String subject) throws SQLException {
        Sql.update(c, "UPDATE conversations SET subject = ? WHERE organization_id = ? AND id = ? AND subject IS NULL",
                subject, organizationId, id);
    }

    /** Resolved or closed to active, as the lifecycle reopens on a customer's message; announced. */
    public void reopen(Connection c, UUID organizationId, UUID id) throws SQLException {
        Sql.update(c, "UPDATE conversations SET status = 'active', updated_at = now() WHERE organization_id = ? AND id = ?",
                organizationId, id);
        events.emit(c, organizationId, id, DomainEvents.CONVERSATION_STATUS,
                Map.of("conversationId", id, "status", ConversationStatus.ACTIVE.wireName()));
    }

    /** Moves a locked conversation to {@code target} (the service has checked the lifecycle allows it); announced. */
    public void moveTo(Connection c, UUID organizationId, UUID id, ConversationStatus target) throws SQLException {
        // resolved_at/closed_at record the latest time it entered that state; reopening clears neither.
        Sql.update(c, """
                UPDATE conversations
                   SET status = ?, updated_at = now(),
                       resolved_at = CASE WHEN ? = 'resolved' THEN now() ELSE resolved_at END,
                       closed_at = CASE WHEN ? = 'closed' THEN now() ELSE closed_at END
                 WHERE id = ?""",
                target.wireName(), target.wireName(), target.wireName(), id);
        events.emit(c, organizationId, id, DomainEvents.CONVERSATION_STATUS,
                Map.of("conversationId", id, "status", target.wireName()));
    }

    /** A new priority (low, normal, high, urgent: checked by the caller); announced when it changed. */
    public void setPriority(Connection c, UUID organizationId, UUID id, String priority) throws SQLException {
        if (Sql.update(c, """
                UPDATE conversations SET priority = ?, updated_at = now()
                 WHERE organization_id = ? AND id = ? AND priority <> ?""", priority, organizationId, id, priority) == 1) {
            events.emit(c, organizationId, id, DomainEvents.CONVERSATION_PRIORITY,
                    Map.of("conversationId", id, "priority", priority));
        }
    }

    /** Who holds a conversation after an assignment: the agent and the team, either may be nobody. */
    public record AssignedTo(UUID userId, UUID teamId) {
    }

    /**
     * The payload of {@code conversation:assigned}: who holds the conversation now, who made the change
     * (null: the system) and who held it before — so a listener tells a new assignment from a
     * re-announcement (a team added while the agent stays).
     */
    private record Assigned(UUID conversationId, AssignedTo assignedTo, UUID assignedBy, AssignedTo previouslyAssignedTo) {
    }

    /**
     * Assigns an agent (null: nobody) on behalf of {@code by} (null: the system); the team stays.
     * Announced per conversation; returns how many.
     */
    public int assignAgent(Connection c, UUID organizationId, List<UUID> ids, UUID userId, UUID by) throws SQLException {
        // "before" is the row as the statement found it (the caller holds its lock): the previous holder
        return announceAssigned(c, organizationId, Sql.list(c, """
                UPDATE conversations SET assignee_user_id = ?::uuid, updated_at = now()
                  FROM conversations before
                 WHERE before.id = conversations.id AND conversations.organization_id = ?
                   AND conversations.id = ANY(?::uuid[])
                RETURNING\s""" + ASSIGNED,
                r -> assigned(r, by), userId, organizationId, ids));
    }

    /** Assigns a team (null: none) on behalf of {@code by}; the agent stays only if they are in that team. */
    public int assignTeam(Connection c, UUID organizationId, List<UUID> ids, UUID teamId, UUID by) throws SQLException {
        return announceAssigned(c, organizationId, Sql.list(c, """
                UPDATE conversations
                   SET assignee_team_id = ?::uuid,
                       assignee_user_id = CASE WHEN ?::uuid IS NULL THEN conversations.assignee_user_id
                                               WHEN EXISTS (SELECT 1 FROM team_members tm
                                                             WHERE tm.team_id = ?::uuid
                                                               AND tm.user_id = conversations.assignee_user_id)
                                               THEN conversations.assignee_user_id END,
                       updated_at = now()
                  FROM conversations before
                 WHERE before.id = conversations.id AND conversations.organization_id = ?
                   AND conversations.id = ANY(?::uuid[])
                RETURNING\s""" + ASSIGNED,
                r -> assigned(r, by), teamId, teamId, teamId, organizationId, ids));
    }

    private static Assigned assigned(ResultSet r, UUID by) throws SQLException {
        return new Assigned(Sql.uuid(r, "id"), new AssignedTo(Sql.uuid(r, "assignee_user_id"), Sql.uuid(r, "assignee_team_id")),
                by, new AssignedTo(Sql.uuid(r, "previous_user_id"), Sql.uuid(r, "previous_team_id")));
    }

    private int announceAssigned(Connection c, UUID organizationId, List<Assigned> rows) throws SQLException {
        for (Assigned row : rows) {
            events.emit(c, organizationId, row.conversationId(), DomainEvents.CONVERSATION_ASSIGNED, row);
        }
        return rows.size();
    }

    /** The agent has read the conversation up to now; their unread count starts again from here. */
    public void markRead(Connection c, UUID organizationId, UUID id, UUID userId) throws SQLException {
        Sql.update(c, """
                INSERT INTO conversation_reads (organization_id, conversation_id, user_id, last_read_at)
                VALUES (?, ?, ?, now())
                ON CONFLICT (conversation_id, user_id)
                DO UPDATE SET last_read_at = greatest(conversation_reads.last_read_at, excluded.last_read_at)""",
                organizationId, id, userId);
    }

    /** When the agent last read the conversation; empty when they never opened it. */
    public Optional<Instant> lastRead(Connection c, UUID organizationId, UUID id, UUID userId) throws SQLException {
        return Sql.one(c, """
                SELECT last_read_at FROM conversation_reads
                 WHERE organization_id = ? AND conversation_id = ? AND user_id = ?""",
                r -> Sql.instant(r, "last_read_at"), organizationId, id, userId);
    }

    /** The agent has read the conversation up to one of its messages; the mark never moves back. */
    public void markReadUpTo(Connection c, UUID messageId, UUID userId) throws SQLException {
        Sql.update(c, """
                INSERT INTO conversation_reads (organization_id, conversation_id, user_id, last_read_at)
                SELECT organization_id, conversation_id, ?, created_at FROM messages WHERE id = ?
                ON CONFLICT (conversation_id, user_id)
                DO UPDATE SET last_read_at = greatest(conversation_reads.last_read_at, excluded.last_read_at)""",
                userId, messageId);
    }

    /**
     * When the customer last wrote to this connection on this channel, in any of their conversations:
     * a new conversation's reply window carries it over.
     */
    public Optional<Instant> lastInbound(Connection c, UUID contactId, Channel channel, UUID connectionId)
            throws SQLException {
        return Sql.one(c, """
                SELECT max(last_inbound_at) AS at FROM conversations
                 WHERE contact_id = ? AND channel = ? AND channel_connection_id IS NOT DISTINCT FROM ?""",
                r -> Optional.ofNullable(Sql.instant(r, "at")), contactId, channel, connectionId).flatMap(at -> at);
    }

    private record Applied(UUID conversationId, LabelRef label) {
    }

    /**
     * Adds every (conversation, label) pair not there yet, each announced; returns how many
     * conversations gained a label.
     */
    public int addLabels(Connection c, UUID organizationId, UUID appliedBy, List<UUID> ids, List<UUID> labelIds)
            throws SQLException {
        List<Applied> added = Sql.list(c, """
                WITH added AS (
                    INSERT INTO conversation_labels (organization_id, conversation_id, label_id, applied_by)
                    SELECT ?, conv, label, ? FROM unnest(?::uuid[]) conv CROSS JOIN unnest(?::uuid[]) label
                    ON CONFLICT DO NOTHING
                    RETURNING conversation_id, label_id)
                SELECT a.conversation_id, l.id, l.name, l.color FROM added a JOIN labels l ON l.id = a.label_id
                 ORDER BY a.conversation_id, l.name, l.id""",
                r -> new Applied(Sql.uuid(r, "conversation_id"),
                        new LabelRef(Sql.uuid(r, "id"), r.getString("name"), r.getString("color"))),
                organizationId, appliedBy, ids, labelIds);
        touch(c, ids);
        // Only what this call added is announced: a label the conversation already carried is no news.
        for (Applied applied : added) {
            events.emit(c, organizationId, applied.conversationId(), DomainEvents.LABEL_APPLIED, applied);
        }
        return (int) added.stream().map(Applied::conversationId).distinct().count();
    }

    /** Removes a label from a conversation; false if it did not carry it. */
    public boolean removeLabel(Connection c, UUID id, UUID labelId) throws SQLException {
        boolean removed = Sql.update(c, "DELETE FROM conversation_labels WHERE conversation_id = ? AND label_id = ?",
                id, labelId) > 0;
        if (removed) {
            touch(c, List.of(id));
        }
        return removed;
    }

    /**
     * A customer's message arrived: it becomes the preview unless it is older than the newest one (a
     * platform's retry hours later keeps its place in time), and the reply window moves.
     */
    public void recordInbound(Connection c, UUID id, Instant sentAt, String preview) throws SQLException {
        Sql.update(c, """
                UPDATE conversations
                   SET last_message_preview = CASE WHEN ? >= last_message_at THEN ? ELSE last_message_preview END,
                       last_message_at = greatest(last_message_at, ?),
                       last_inbound_at = greatest(last_inbound_at, ?),
                       updated_at = now()
                 WHERE id = ?""",
                sentAt, preview, sentAt, sentAt, id);
    }

    /**
     * An agent's reply: the preview, and the conversation is active again wherever it was in its
     * lifecycle — announced with {@code conversation:status} when that changed it.
     */
    public void recordReply(Connection c, UUID organizationId, UUID id, Instant at, String preview) throws SQLException {
        ConversationStatus before = Sql.one(c, """
                UPDATE conversations
                   SET last_message_at = greatest(last_message_at, ?), last_message_preview = ?, updated_at = now(),
                       status = 'active'
                  FROM (SELECT id, status FROM conversations WHERE organization_id = ? AND id = ?) before
                 WHERE conversations.id = before.id
                RETURNING before.status""",
                row -> ConversationStatus.parse(row.getString(1)).orElseThrow(), at, preview, organizationId, id)
                .orElseThrow();
        if (before != ConversationStatus.ACTIVE) {
            events.emit(c, organizationId, id, DomainEvents.CONVERSATION_STATUS,
                    Map.of("conversationId", id, "status", ConversationStatus.ACTIVE.wireName()));
        }
    }

    /**
     * Claims the away message for a conversation: true when none went out since {@code notSince},
     * and then {@code at} is recorded as its time. A conditional UPDATE, so of concurrent claims
     * one wins. Nothing else moves: an automatic reply is no agent's activity (status, preview and
     * ordering stay the customer's).
     */
    public boolean claimAwayMessage(Connection c, UUID organizationId, UUID id, Instant at, Instant notSince)
            throws SQLException {
        return Sql.update(c, """
                UPDATE conversations SET away_message_sent_at = ?
                 WHERE organization_id = ? AND id = ?
                   AND (away_message_sent_at IS NULL OR away_message_sent_at <= ?)""",
                at, organizationId, id, notSince) == 1;
    }

    /**
     * A message was deleted: the preview becomes the newest message still there (or nothing), never
     * the text of a deleted one.
     */
    public void refreshPreview(Connection c, UUID id) throws SQLException {
        String preview = Sql.one(c, """
                SELECT message_type, content FROM messages
                 WHERE conversation_id = ? AND deleted_at IS NULL
                 ORDER BY platform_timestamp DESC, id DESC LIMIT 1""",
                r -> Previews.of(MessageType.parse(r.getString("message_type")).orElseThrow(), r.getString("content")),
                id).orElse(null);
        Sql.update(c, "UPDATE conversations SET last_message_preview = ?, updated_at = now() WHERE id = ?", preview, id);
    }

    private static void touch(Connection c, List<UUID> ids) throws SQLException {
        Sql.update(c, "UPDATE conversations SET updated_at = now() WHERE id = ANY(?::uuid[])", ids);
    }

    public Optional<ConversationSummaryView> summary(Connection c, Caller caller, UUID id) throws SQLException {
        String inner = "SELECT id FROM conversations WHERE organization_id = ? AND id = ?";
        return Sql.one(c, SUMMARY_SELECT.formatted(UNREAD_CAP, inner), ConversationStore::summary,
                caller.organizationId(), id, caller.userId());
    }

    /** One page of a view, newest activity first; {@code search} narrows it to matching conversations. */
    public List<ConversationSummaryView> page(Connection c, Caller caller, ConversationFilter filter,
                                          Optional<SearchTerms> search, PageRequest page) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        where.add("c.organization_id = ?");
        params.add(caller.organizationId());
        viewCondition(filter, caller, where, params);
        if (!filter.statuses().isEmpty()) {
            where.add("c.status = ANY(?::text[])");
            params.add(filter.statuses());
        }
        if (!filter.channels().isEmpty()) {
            where.add("c.channel = ANY(?::text[])");
            params.add(filter.channels());
        }
        if (!filter.priorities().isEmpty()) {
            where.add("c.priority = ANY(?::text[])");
            params.add(filter.priorities());
        }
        if (filter.assigneeUser() != null) {
            where.add("c.assignee_user_id = ?");
            params.add(filter.assigneeUser());
        }
        if (filter.unassignedOnly()) {
            where.add("c.assignee_user_id IS NULL");
        }
        if (!filter.labelIds().isEmpty()) {
            where.add("EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = ANY(?::uuid[]))");
            params.add(filter.labelIds());
        }
        search.ifPresent(terms -> {
            // The subject test is not correlated: PostgreSQL runs it once over the subject index
            // (V6) and probes its hashed result per conversation, so the walk stays index-only.
            where.add("""
                    (EXISTS (SELECT 1 FROM contacts sc WHERE sc.id = c.contact_id AND sc.search @@ to_tsquery('simple', ?))
                     OR EXISTS (SELECT 1 FROM contact_identities si
                                 WHERE si.contact_id = c.contact_id AND si.search @@ to_tsquery('simple', ?))
                     OR c.id IN (SELECT ss.id FROM conversations ss
                                  WHERE ss.organization_id = ? AND ss.subject IS NOT NULL
                                    AND to_tsvector('simple', ss.subject) @@ to_tsquery('simple', ?))
                     OR EXISTS (SELECT 1 FROM messages sm
                                 WHERE sm.conversation_id = c.id AND sm.deleted_at IS NULL
                                   AND sm.search @@ websearch_to_tsquery('english', ?)))""");
            params.add(terms.prefixQuery());
            params.add(terms.prefixQuery());
            params.add(caller.organizationId());
            params.add(terms.prefixQuery());
            params.add(terms.text());
        });
        if (page.after().isPresent()) {
            Cursor cursor = page.after().get();
            where.add("(c.last_message_at, c.id) < (?, ?)");
            params.add(cursor.at());
            params.add(cursor.id());
        }
        String inner = "SELECT c.id FROM conversations c WHERE " + String.join(" AND ", where)
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT ?";
        params.add(page.limit() + 1);
        params.add(caller.userId());
        return Sql.list(c, SUMMARY_SELECT.formatted(UNREAD_CAP, inner), ConversationStore::summary, params.toArray());
    }

    private static void viewCondition(ConversationFilter filter, Caller caller, List<String> where, List<Object> params) {
        switch (filter.view()) {
            case ALL -> { }
            case MINE -> {
                where.add("c.assignee_user_id = ?");
                params.add(caller.userId());
            }
            case UNASSIGNED -> where.add("c.assignee_user_id IS NULL");
            case TEAM -> {
                if (filter.teamId() != null) {
                    where.add("c.assignee_team_id = ?");
                    params.add(filter.teamId());
                } else {
                    where.add("c.assignee_team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)");
                    params.add(caller.userId());
                }
            }
            case MENTIONS -> {
                // a deleted note's mentions no longer count (note.NoteDeleter)
                where.add("""
                        c.id IN (SELECT m.conversation_id FROM note_mentions m
                                   JOIN notes n ON n.organization_id = m.organization_id AND n.id = m.note_id
                                  WHERE m.organization_id = ? AND m.user_id = ? AND n.deleted_at IS NULL)""");
                params.add(caller.organizationId());
                params.add(caller.userId());
            }
        }
    }

    private static ConversationRow row(ResultSet r) throws SQLException {
        return new ConversationRow(
                Sql.uuid(r, "id"),
                Sql.uuid(r, "organization_id"),
                Sql.uuid(r, "contact_id"),
                Channel.parse(r.getString("channel")).orElseThrow(),
                Sql.uuid(r, "channel_connection_id"),
                ConversationStatus.parse(r.getString("status")).orElseThrow(),
                Sql.uuid(r, "assignee_user_id"),
                Sql.uuid(r, "assignee_team_id"),
                Sql.instant(r, "last_inbound_at"));
    }

    private static ConversationSummaryView summary(ResultSet r) throws SQLException {
        UUID userId = Sql.uuid(r, "assignee_user_id");
        UUID teamId = Sql.uuid(r, "assignee_team_id");
        Channel channel = Channel.parse(r.getString("channel")).orElseThrow();
        return new ConversationSummaryView(
                Sql.uuid(r, "id"),
                ConversationStatus.parse(r.getString("status")).orElseThrow(),
                r.getString("priority"),
                channel,
                r.getString("subject"),
                new ContactRef(Sql.uuid(r, "contact_id"), r.getString("contact_name"), r.getString("contact_avatar")),
                new Assignee(
                        userId == null ? null : new PartyRef(userId, r.getString("assignee_user_name")),
                        teamId == null ? null : new PartyRef(teamId, r.getString("assignee_team_name"))),
                labels(r.getString("labels")),
                r.getString("last_message_preview"),
                Sql.instant(r, "last_message_at"),
                Sql.instant(r, "last_inbound_at"),
                ConversationSummaryView.Replyability.of(channel, Sql.instant(r, "last_inbound_at")),
                r.getInt("unread_count"),
                Sql.instant(r, "created_at"),
                Sql.instant(r, "updated_at"));
    }

    private static List<LabelRef> labels(String json) {
        try {
            return LABELS.readValue(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
