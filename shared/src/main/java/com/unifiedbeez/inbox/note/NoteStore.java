package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The note aggregate's store, the only writer of {@code notes} and {@code note_mentions}; it also
 * reads the agents a note names. A note and its mentions are written together: the mentions are
 * what put the conversation in each mentioned agent's "mentions" view. A deleted note
 * ({@code deleted_at}) keeps its rows but is gone from every read here, its mentions with it.
 */
@Singleton
public final class NoteStore {
    /** A user's mentions in notes not deleted, with the note's text and author. */
    private static final String MENTION_SELECT = """
            SELECT m.note_id, m.conversation_id, n.author_id, a.name AS author_name, n.content, m.created_at, m.read_at
              FROM note_mentions m
              JOIN notes n ON n.organization_id = m.organization_id AND n.id = m.note_id AND n.deleted_at IS NULL
              JOIN users a ON a.id = n.author_id
             WHERE m.organization_id = ? AND m.user_id = ?""";

    private final DomainEvents events;

    @Inject
    public NoteStore(DomainEvents events) {
        this.events = events;
    }

    /** The payload of {@code note:added}: the note, and whom it mentions (who is to be told). */
    private record Added(UUID conversationId, NoteView note, List<UUID> mentionedUsers) {
    }

    /** The payload of {@code note:deleted}. */
    private record Deleted(UUID conversationId, UUID noteId) {
    }

    /** A note that is not deleted, as its deletion needs it. */
    public record Stored(UUID id, UUID conversationId, UUID authorId) {
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

    /**
     * One page of a conversation's notes, oldest first, with their authors and mentioned agents;
     * one row more than the page when there is more.
     */
    public List<NoteView> page(Connection c, UUID organizationId, UUID conversationId, PageRequest page)
            throws SQLException {
        List<Object> params = new ArrayList<>(List.of(organizationId, conversationId));
        String after = "";
        if (page.after().isPresent()) {
            after = " AND (n.created_at, n.id) > (?, ?)";
            params.add(page.after().get().at());
            params.add(page.after().get().id());
        }
        params.add(page.limit() + 1);
        List<NoteView> bare = Sql.list(c, """
                SELECT n.id, n.conversation_id, n.author_id, a.name AS author_name, n.content, n.created_at
                  FROM notes n JOIN users a ON a.id = n.author_id
                 WHERE n.organization_id = ? AND n.conversation_id = ? AND n.deleted_at IS NULL%s
                 ORDER BY n.created_at, n.id LIMIT ?""".formatted(after),
                r -> new NoteView(Sql.uuid(r, "id"), Sql.uuid(r, "conversation_id"),
                        new PartyRef(Sql.uuid(r, "author_id"), r.getString("author_name")), r.getString("content"),
                        List.of(), Sql.instant(r, "created_at")),
                params.toArray());
        if (bare.isEmpty()) {
            return bare;
        }
        // the mentions of the whole page in one query, each note's by name as a new note lists them
        Map<UUID, List<PartyRef>> mentions = new HashMap<>();
        for (Mentioned m : Sql.list(c, """
                SELECT m.note_id, u.id, u.name FROM note_mentions m JOIN users u ON u.id = m.user_id
                 WHERE m.organization_id = ? AND m.note_id = ANY(?::uuid[])
                 ORDER BY u.name, u.id""",
                r -> new Mentioned(Sql.uuid(r, "note_id"), new PartyRef(Sql.uuid(r, "id"), r.getString("name"))),
                organizationId, bare.stream().map(NoteView::id).toList())) {
            mentions.computeIfAbsent(m.noteId(), k -> new ArrayList<>()).add(m.agent());
        }
        return bare.stream().map(n -> new NoteView(n.id(), n.conversationId(), n.author(), n.content(),
                List.copyOf(mentions.getOrDefault(n.id(), List.of())), n.createdAt())).toList();
    }

    private record Mentioned(UUID noteId, PartyRef agent) {
    }

    /** The organization's note if it is not deleted, locked for its deletion. */
    public Optional<Stored> lockLive(Connection c, UUID organizationId, UUID noteId) throws SQLException {
        return Sql.one(c, """
                SELECT id, conversation_id, author_id FROM notes
                 WHERE organization_id = ? AND id = ? AND deleted_at IS NULL FOR UPDATE""",
                r -> new Stored(Sql.uuid(r, "id"), Sql.uuid(r, "conversation_id"), Sql.uuid(r, "author_id")),
                organizationId, noteId);
    }

    /** Soft-deletes a note (its mentions go with it from every list); announced. */
    public void softDelete(Connection c, UUID organizationId, Stored note) throws SQLException {
        int deleted = Sql.update(c, "UPDATE notes SET deleted_at = now() WHERE organization_id = ? AND id = ? AND deleted_at IS NULL",
                organizationId, note.id());
        if (deleted == 1) {
            events.emit(c, organizationId, note.conversationId(), DomainEvents.NOTE_DELETED,
                    new Deleted(note.conversationId(), note.id()));
        }
    }

    /** One page of a user's mentions in notes not deleted, newest first; one row more when there is more. */
    public List<MentionView> mentions(Connection c, UUID organizationId, UUID userId, boolean unreadOnly,
                                      PageRequest page) throws SQLException {
        List<Object> params = new ArrayList<>(List.of(organizationId, userId));
        StringBuilder sql = new StringBuilder(MENTION_SELECT);
        if (unreadOnly) {
            sql.append(" AND m.read_at IS NULL");
        }
        if (page.after().isPresent()) {
            Cursor cursor = page.after().get();
            sql.append(" AND (m.created_at, m.note_id) < (?, ?)");
            params.add(cursor.at());
            params.add(cursor.id());
        }
        sql.append(" ORDER BY m.created_at DESC, m.note_id DESC LIMIT ?");
        params.add(page.limit() + 1);
        return Sql.list(c, sql.toString(), NoteStore::mention, params.toArray());
    }

    /** The user's mention in this note, unless the note is deleted or does not mention them. */
    public Optional<MentionView> mention(Connection c, UUID organizationId, UUID userId, UUID noteId) throws SQLException {
        return Sql.one(c, MENTION_SELECT + " AND m.note_id = ?", NoteStore::mention, organizationId, userId, noteId);
    }

    /** Marks the user's mention in a note (not deleted) read, unless it is already (its first reading's time stays). */
    public void markMentionRead(Connection c, UUID organizationId, UUID userId, UUID noteId) throws SQLException {
        Sql.update(c, """
                UPDATE note_mentions m SET read_at = now() FROM notes n
                 WHERE m.organization_id = ? AND m.user_id = ? AND m.note_id = ? AND m.read_at IS NULL
                   AND n.organization_id = m.organization_id AND n.id = m.note_id AND n.deleted_at IS NULL""",
                organizationId, userId, noteId);
    }

    /** Marks every unread mention of the user (in notes not deleted) read; how many. */
    public int markAllMentionsRead(Connection c, UUID organizationId, UUID userId) throws SQLException {
        return Sql.update(c, """
                UPDATE note_mentions m SET read_at = now() FROM notes n
                 WHERE m.organization_id = ? AND m.user_id = ? AND m.read_at IS NULL
                   AND n.organization_id = m.organization_id AND n.id = m.note_id AND n.deleted_at IS NULL""",
                organizationId, userId);
    }

    private static MentionView mention(ResultSet r) throws SQLException {
        return new MentionView(Sql.uuid(r, "note_id"), Sql.uuid(r, "conversation_id"),
                new PartyRef(Sql.uuid(r, "author_id"), r.getString("author_name")), r.getString("content"),
                Sql.instant(r, "created_at"), Sql.instant(r, "read_at"));
    }
}
