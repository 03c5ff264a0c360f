package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
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
    private final DomainEvents events;

    @Inject
    public NoteStore(DomainEvents events) {
        this.events = events;
    }

    /** The payload of {@code note:added}: the note, and whom it mentions (who is to be told). */
    private record Added(UUID conversationId, NoteView note, List<UUID> mentionedUsers) {
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

    /** A note with its mentions, in the caller's transaction; announced. */
    public void insert(Connection c, UUID organizationId, NoteView note) throws SQLException {
        Sql.update(c, "INSERT INTO notes (id, organization_id, conversation_id, author_id, content, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                note.id(), organizationId, note.conversationId(), note.author().id(), note.content(), note.createdAt());
        List<UUID> mentioned = note.mentions().stream().map(PartyRef::id).toList();
        if (!mentioned.isEmpty()) {
            Sql.update(c, """
                    INSERT INTO note_mentions (organization_id, note_id, user_id, conversation_id, created_at)
                    SELECT ?, ?, u, ?, ? FROM unnest(?::uuid[]) u""",
                    organizationId, note.id(), note.conversationId(), note.createdAt(), mentioned);
        }
        events.emit(c, organizationId, note.conversationId(), DomainEvents.NOTE_ADDED,
                new Added(note.conversationId(), note, mentioned));
    }
}
