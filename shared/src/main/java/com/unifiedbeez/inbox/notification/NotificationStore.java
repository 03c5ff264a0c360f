package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.settings.NotificationKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The notification mailer's tables, and the only writer of them: where it stands in each
 * organization's event stream ({@code notification_cursors}) and every email decision with its
 * delivery ({@code notification_emails}). It also reads the users a mail goes to.
 */
@Singleton
public final class NotificationStore {
    private static final String DUE_COLUMNS = """
            id, organization_id, user_id, conversation_id, kind, recipient, subject, headline, excerpt, attempts""";

    @Inject
    public NotificationStore() {
    }

    /** Where the mailer stands in an organization's stream: the stream's epoch and the last seq it read. */
    public record Cursor(UUID epoch, long lastSeq) {
    }

    /** A user a mail may go to, as the mail needs them. */
    public record Recipient(UUID id, String email, String name, boolean active) {
    }

    /**
     * One decision about one user and one event: {@link EmailStatus#PENDING} with the mail to send,
     * or {@link EmailStatus#SKIPPED} with the reason.
     */
    public record Decision(UUID organizationId, UUID userId, UUID conversationId, NotificationKind kind, UUID eventId,
                           long eventSeq, Instant eventAt, EmailStatus status, String reason, String recipient,
                           String subject, String headline, String excerpt) {
    }

    /** A decided mail a run is to send now (claimed: leased to that run, its attempt counted). */
    public record DueEmail(UUID id, UUID organizationId, UUID userId, UUID conversationId, NotificationKind kind,
                           String recipient, String subject, String headline, String excerpt, int attempts) {
    }

    /**
     * Organizations whose stream moved since the mailer last read it (or that it never read), the
     * longest unread first.
     */
    public List<UUID> behind(Connection c, int limit) throws SQLException {
        return Sql.list(c, """
                SELECT s.organization_id FROM event_streams s
                  LEFT JOIN notification_cursors n ON n.organization_id = s.organization_id
                 WHERE n.organization_id IS NULL AND s.last_seq > 0
                    OR n.epoch <> s.epoch OR n.last_seq <> s.last_seq
                 ORDER BY n.updated_at NULLS FIRST, s.organization_id LIMIT ?""",
                row -> Sql.uuid(row, "organization_id"), limit);
    }

    public Optional<Cursor> cursor(Connection c, UUID organizationId, boolean forUpdate) throws SQLException {
        return Sql.one(c, "SELECT epoch, last_seq FROM notification_cursors WHERE organization_id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""),
                row -> new Cursor(Sql.uuid(row, "epoch"), row.getLong("last_seq")), organizationId);
    }

    public void saveCursor(Connection c, UUID organizationId, Cursor cursor) throws SQLException {
        Sql.update(c, """
                INSERT INTO notification_cursors (organization_id, epoch, last_seq) VALUES (?, ?, ?)
                ON CONFLICT (organization_id) DO UPDATE
                   SET epoch = EXCLUDED.epoch, last_seq = EXCLUDED.last_seq, updated_at = now()""",
                organizationId, cursor.epoch(), cursor.lastSeq());
    }

    /** A user of the organization; empty for anyone else, whatever their id. */
    public Optional<Recipient> recipient(Connection c, UUID organizationId, UUID userId) throws SQLException {
        return Sql.one(c, """
                SELECT id, email, name, deactivated_at IS NULL AS active FROM users
                 WHERE organization_id = ? AND id = ?""",
                row -> new Recipient(Sql.uuid(row, "id"), row.getString("email"), row.getString("name"),
                        row.getBoolean("active")), organizationId, userId);
    }

    /** Whether the organization's note was deleted: a mention in it is not mailed. */
    public boolean noteDeleted(Connection c, UUID organizationId, UUID noteId) throws SQLException {
        return Sql.one(c, "SELECT 1 FROM notes WHERE organization_id = ? AND id = ? AND deleted_at IS NOT NULL",
                row -> true, organizationId, noteId).orElse(false);
    }

    /** Whether the user has a mail about the conversation, sent or to send, for an event since {@code since}. */
    public boolean emailedSince(Connection c, UUID organizationId, UUID userId, UUID conversationId, Instant since)
            throws SQLException {
        return Sql.one(c, """
                SELECT 1 FROM notification_emails
                 WHERE organization_id = ? AND user_id = ? AND conversation_id = ? AND event_at > ?
                   AND status IN ('pending', 'sent')
                 LIMIT 1""", row -> 1, organizationId, userId, conversationId, since).isPresent();
    }

    /** Records a decision; false when this event's decision for this user exists (the event was read before). */
    public boolean record(Connection c, Decision d, Instant now) throws SQLException {
        return Sql.update(c, """
                INSERT INTO notification_emails (id, organization_id, user_id, conversation_id, kind, event_id, event_seq,
                                                 event_at, status, reason, recipient, subject, headline, excerpt,
                                                 next_attempt_at, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id, user_id) DO NOTHING""",
                Ids.newId(), d.organizationId(), d.userId(), d.conversationId(), d.kind().wireName(), d.eventId(),
                d.eventSeq(), d.eventAt(), d.status().wireName(), d.reason(), d.recipient(), d.subject(), d.headline(),
                d.excerpt(), d.status() == EmailStatus.PENDING ? now : null, now) == 1;
    }

    /**
     * Takes up to {@code limit} pending mails whose time has come and that no live run holds: each is
     * leased until {@code leaseUntil} and its attempt counted, so a run that dies mid-send neither
     * loses the mail nor retries it without bound.
     */
    public List<DueEmail> claimDue(Connection c, Instant now, Instant leaseUntil, int limit) throws SQLException {
        return Sql.list(c, """
                UPDATE notification_emails SET lease_until = ?, attempts = attempts + 1
                 WHERE id IN (SELECT id FROM notification_emails
                               WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                               ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + DUE_COLUMNS,
                NotificationStore::due, leaseUntil, now, now, limit);
    }

    public void recordSent(Connection c, UUID id, Instant at) throws SQLException {
        Sql.update(c, """
                UPDATE notification_emails SET status = 'sent', sent_at = ?, reason = NULL, lease_until = NULL,
                       next_attempt_at = NULL
                 WHERE id = ? AND status = 'pending'""", at, id);
    }

    /** Refused for now: tried again at {@code nextAttemptAt}; the reason says what went wrong last. */
    public void recordRetry(Connection c, UUID id, String reason, Instant nextAttemptAt) throws SQLException {
        Sql.update(c, """
                UPDATE notification_emails SET reason = ?, next_attempt_at = ?, lease_until = NULL
                 WHERE id = ? AND status = 'pending'""", reason, nextAttemptAt, id);
    }

    public void recordFailed(Connection c, UUID id, String reason) throws SQLException {
        Sql.update(c, """
                UPDATE notification_emails SET status = 'failed', reason = ?, lease_until = NULL, next_attempt_at = NULL
                 WHERE id = ? AND status = 'pending'""", reason, id);
    }

    /** Deletes up to {@code limit} settled decisions made before {@code before}; how many. */
    public int trim(Connection c, Instant before, int limit) throws SQLException {
        return Sql.update(c, """
                DELETE FROM notification_emails WHERE id IN (
                    SELECT id FROM notification_emails WHERE decided_at < ? AND status <> 'pending' LIMIT ?)""",
                before, limit);
    }

    private static DueEmail due(ResultSet row) throws SQLException {
        return new DueEmail(Sql.uuid(row, "id"), Sql.uuid(row, "organization_id"), Sql.uuid(row, "user_id"),
                Sql.uuid(row, "conversation_id"), kind(row.getString("kind")), row.getString("recipient"),
                row.getString("subject"), row.getString("headline"), row.getString("excerpt"), row.getInt("attempts"));
    }

    private static NotificationKind kind(String wireName) {
        return Arrays.stream(NotificationKind.values()).filter(k -> k.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown notification kind " + wireName));
    }
}
