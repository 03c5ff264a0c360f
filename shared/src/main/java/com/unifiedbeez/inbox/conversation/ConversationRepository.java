package com.unifiedbeez.inbox.conversation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.unifiedbeez.inbox.conversation.ConversationSummary.Assignee;
import com.unifiedbeez.inbox.conversation.ConversationSummary.ContactRef;
import com.unifiedbeez.inbox.conversation.ConversationSummary.LabelRef;
import com.unifiedbeez.inbox.conversation.ConversationSummary.PartyRef;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Conversation reads and the row lookups state changes start from; every query is organization-scoped. */
@Singleton
public final class ConversationRepository {
    /** Unread counts stop here: a badge shows "99+" and the count stays cheap. */
    public static final int UNREAD_CAP = 100;

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

    @Inject
    public ConversationRepository() {
    }

    /** The conversation if it belongs to the caller's organization; {@code forUpdate} locks it. */
    public Optional<ConversationRow> find(Connection c, UUID organizationId, UUID id, boolean forUpdate) throws SQLException {
        return Sql.one(c, """
                SELECT id, organization_id, contact_id, channel, channel_connection_id, status, assignee_user_id, assignee_team_id,
                       last_inbound_at
                  FROM conversations WHERE organization_id = ? AND id = ?""" + (forUpdate ? " FOR UPDATE" : ""),
                ConversationRepository::row, organizationId, id);
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
                    + conversation.channel() + ": continue in " + open.get());
        }
    }

    /**
     * The contact's open (new or active) conversation on a channel connection other than
     * {@code except} (null: any); the one-open unique index allows at most one.
     */
    public Optional<UUID> openConversation(Connection c, UUID contactId, String channel, UUID connectionId, UUID except)
            throws SQLException {
        return Sql.one(c, """
                SELECT id FROM conversations
                 WHERE contact_id = ? AND channel = ? AND channel_connection_id IS NOT DISTINCT FROM ?
                   AND status IN ('new', 'active') AND id IS DISTINCT FROM ?""",
                r -> Sql.uuid(r, "id"), contactId, channel, connectionId, except);
    }

    public Optional<ConversationSummary> summary(Connection c, Caller caller, UUID id) throws SQLException {
        String inner = "SELECT id FROM conversations WHERE organization_id = ? AND id = ?";
        return Sql.one(c, SUMMARY_SELECT.formatted(UNREAD_CAP, inner), ConversationRepository::summary,
                caller.organizationId(), id, caller.userId());
    }

    /** One page of a view, newest activity first; {@code search} narrows it to matching conversations. */
    public List<ConversationSummary> page(Connection c, Caller caller, ConversationFilter filter,
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
        return Sql.list(c, SUMMARY_SELECT.formatted(UNREAD_CAP, inner), ConversationRepository::summary, params.toArray());
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
                where.add("c.id IN (SELECT conversation_id FROM note_mentions WHERE organization_id = ? AND user_id = ?)");
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
                r.getString("channel"),
                Sql.uuid(r, "channel_connection_id"),
                ConversationStatus.parse(r.getString("status")).orElseThrow(),
                Sql.uuid(r, "assignee_user_id"),
                Sql.uuid(r, "assignee_team_id"),
                Sql.instant(r, "last_inbound_at"));
    }

    private static ConversationSummary summary(ResultSet r) throws SQLException {
        UUID userId = Sql.uuid(r, "assignee_user_id");
        UUID teamId = Sql.uuid(r, "assignee_team_id");
        return new ConversationSummary(
                Sql.uuid(r, "id"),
                r.getString("status"),
                r.getString("priority"),
                r.getString("channel"),
                r.getString("subject"),
                new ContactRef(Sql.uuid(r, "contact_id"), r.getString("contact_name"), r.getString("contact_avatar")),
                new Assignee(
                        userId == null ? null : new PartyRef(userId, r.getString("assignee_user_name")),
                        teamId == null ? null : new PartyRef(teamId, r.getString("assignee_team_name"))),
                labels(r.getString("labels")),
                r.getString("last_message_preview"),
                Sql.instant(r, "last_message_at"),
                Sql.instant(r, "last_inbound_at"),
                ConversationSummary.Replyability.of(r.getString("channel"), Sql.instant(r, "last_inbound_at")),
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
