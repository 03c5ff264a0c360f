package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The note aggregate's store, the only writer of {@code notes} and {@code note_mentions}; it also
 * reads the agents a note names. A note and its mentions are written together: the mentions are
 * what put the conversation in each mentioned agent's "mentions" view.
 */
@Singleton
public final class NoteStore {
    @Inject
    public NoteStore() {
    }

    /** The organization's active agents among {@code ids}, by name: whom a note may mention. */
    public List<PartyRef> activeAgents(Connection c, UUID organizationId, List<UUID> ids) throws SQLException {
        return Sql.list(c, """
                SELECT id, name FROM users WHERE organization_id = ? AND id = ANY(?::uuid[]) AND deactivated_at IS NULL
                 ORDER BY name""",
                r -> new PartyRef(Sql.uuid(r, "id"), r.getString("name")), organizationId, ids);
    }

    public Optional<PartyRef> author(Connection c, UUID userId) throws SQLException {
        return Sql.one(c, "SELECT id, name FROM users WHERE id = ?",
                r -> new PartyRef(Sql.uuid(r, "id"), r.getString("name")), userId);
    }

    /** A note with its mentions, in the caller's transaction. */
    public void insert(Connection c, UUID id, UUID organizationId, UUID conversationId, UUID authorId, String content,
                       List<UUID> mentions, Instant at) throws SQLException {
        Sql.update(c, "INSERT INTO notes (id, organization_id, conversation_id, author_id, content, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                id, organizationId, conversationId, authorId, content, at);
        if (!mentions.isEmpty()) {
            Sql.update(c, """
                    INSERT INTO note_mentions (organization_id, note_id, user_id, conversation_id, created_at)
                    SELECT ?, ?, u, ?, ? FROM unnest(?::uuid[]) u""",
                    organizationId, id, conversationId, at, mentions);
        }
    }
}
