package com.unifiedbeez.inbox.retention;

import com.unifiedbeez.inbox.conversation.ConversationStatus;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What an organization's retention policy has expired, oldest first: messages stored before a
 * cutoff, and files stored before one. Never a message among an open (new or active)
 * conversation's newest {@value #OPEN_CONVERSATION_KEEPS}, nor its files, whatever their age: the
 * context an agent answers in. Closed and resolved conversations keep nothing.
 *
 * <p>Reads only; the rows it returns are locked (SKIP LOCKED: two runs never take the same rows)
 * until the transaction ends, and {@code MessageStore} and {@code AttachmentStore} delete them.
 * Each walk is a range of {@code messages_by_age} or {@code attachments_by_age} (V14) resumed after
 * the last row it returned, so rows that stay (protected ones) are read once per run.
 */
@Singleton
public final class ExpiredContent {
    /** An open conversation's newest messages (by platform time, then id, as history orders them) that always stay. */
    public static final int OPEN_CONVERSATION_KEEPS = 50;

    /** Where a walk is: the last row it returned, by (created_at, id). */
    public record Position(Instant createdAt, UUID id) {
        /** Before every row. */
        public static final Position START = new Position(Instant.EPOCH, new UUID(0, 0));
    }

    /** An expired message, and the raw mail it was read from when it is an unparsed email ({@code metadata.email.raw}). */
    public record ExpiredMessage(UUID id, UUID conversationId, Position position, String rawMailKey) {
    }

    /** An attachment row and the object it names in the media bucket. */
    public record StoredFile(UUID id, UUID messageId, String key, Position position) {
    }

    private static final List<ConversationStatus> OPEN = Arrays.stream(ConversationStatus.values())
            .filter(ConversationStatus::isOpen).toList();

    /**
     * True for a message {@code m} of conversation {@code c} that no open conversation protects: its
     * conversation is not open, or at least {@value #OPEN_CONVERSATION_KEEPS} of its messages are newer.
     * (With fewer than that the subquery has no row, the comparison is null: protected.)
     */
    private static final String UNPROTECTED = """
            (c.status <> ALL(?::text[])
             OR (m.platform_timestamp, m.id) < (SELECT h.platform_timestamp, h.id FROM messages h
                                                 WHERE h.conversation_id = m.conversation_id
                                                 ORDER BY h.platform_timestamp DESC, h.id DESC
                                                OFFSET ? LIMIT 1))""";

    @Inject
    public ExpiredContent() {
    }

    /** Up to {@code limit} of the organization's messages stored before {@code before}, after {@code after}. */
    public List<ExpiredMessage> messages(Connection c, UUID organizationId, Instant before, Position after, int limit)
            throws SQLException {
        return Sql.list(c, """
                SELECT m.id, m.conversation_id, m.created_at, m.metadata #>> '{email,raw}' AS raw_mail
                  FROM messages m
                  JOIN conversations c ON c.organization_id = m.organization_id AND c.id = m.conversation_id
                 WHERE m.organization_id = ? AND m.created_at < ? AND (m.created_at, m.id) > (?, ?)
                   AND %s
                 ORDER BY m.created_at, m.id
                 LIMIT ?
                 FOR UPDATE OF m SKIP LOCKED""".formatted(UNPROTECTED),
                r -> new ExpiredMessage(Sql.uuid(r, "id"), Sql.uuid(r, "conversation_id"), position(r),
                        r.getString("raw_mail")),
                organizationId, before, after.createdAt(), after.id(), OPEN, OPEN_CONVERSATION_KEEPS - 1, limit);
    }

    /** The files of these messages of the organization. */
    public List<StoredFile> filesOf(Connection c, UUID organizationId, Collection<UUID> messageIds) throws SQLException {
        return Sql.list(c, """
                SELECT id, message_id, s3_key, created_at FROM attachments
                 WHERE organization_id = ? AND message_id = ANY(?::uuid[])""",
                ExpiredContent::file, organizationId, messageIds);
    }

    /**
     * Up to {@code limit} of the organization's files stored before {@code before}, after
     * {@code after}: those of unprotected messages, and uploads that never went out with one.
     */
    public List<StoredFile> files(Connection c, UUID organizationId, Instant before, Position after, int limit)
            throws SQLException {
        return Sql.list(c, """
                SELECT a.id, a.message_id, a.s3_key, a.created_at
                  FROM attachments a
                  JOIN conversations c ON c.organization_id = a.organization_id AND c.id = a.conversation_id
                  LEFT JOIN messages m ON m.organization_id = a.organization_id AND m.id = a.message_id
                 WHERE a.organization_id = ? AND a.created_at < ? AND (a.created_at, a.id) > (?, ?)
                   AND (a.message_id IS NULL OR %s)
                 ORDER BY a.created_at, a.id
                 LIMIT ?
                 FOR UPDATE OF a SKIP LOCKED""".formatted(UNPROTECTED),
                ExpiredContent::file,
                organizationId, before, after.createdAt(), after.id(), OPEN, OPEN_CONVERSATION_KEEPS - 1, limit);
    }

    private static StoredFile file(ResultSet r) throws SQLException {
        return new StoredFile(Sql.uuid(r, "id"), Sql.uuid(r, "message_id"), r.getString("s3_key"), position(r));
    }

    private static Position position(ResultSet r) throws SQLException {
        return new Position(Sql.instant(r, "created_at"), Sql.uuid(r, "id"));
    }
}
