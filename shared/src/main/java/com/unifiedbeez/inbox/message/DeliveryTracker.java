package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Delivery progress of outbound messages, forward only ({@link MessageStatus#advancesTo}), from
 * every source: an agent's PATCH, a platform status webhook, the sender's own result. Platforms
 * report late, twice and out of order, and a status may even arrive before the sender has recorded
 * the platform's id of the message: it is kept as pending ({@code pending_message_statuses}, part of
 * this delivery state and written only here) and applied when the id is recorded.
 * Every change announces itself as {@code message:status}.
 */
@Singleton
public final class DeliveryTracker {
    private final DomainEvents events;

    @Inject
    public DeliveryTracker(DomainEvents events) {
        this.events = events;
    }

    /** The queue took the send (the first time: a later re-enqueue keeps the first time). */
    public void enqueued(Connection c, UUID messageId) throws SQLException {
        Sql.update(c, "UPDATE messages SET enqueued_at = now() WHERE id = ? AND enqueued_at IS NULL", messageId);
    }

    /** The sweeper put a stranded send on the queue again. */
    public void requeued(Connection c, UUID messageId) throws SQLException {
        Sql.update(c, "UPDATE messages SET enqueued_at = now() WHERE id = ?", messageId);
    }

    /** A sender's lease on a queued message: its attempt number, and whether it was deleted meanwhile. */
    public record Lease(int attempts, boolean deleted) {
    }

    /**
     * Leases a queued message to one sender for {@code seconds} (a concurrent consumer of a
     * redelivered record finds it leased); empty when it is not queued or another sender holds it.
     */
    public Optional<Lease> lease(Connection c, UUID messageId, long seconds) throws SQLException {
        return Sql.one(c, """
                UPDATE messages SET send_lease_until = now() + ?::interval, send_attempts = send_attempts + 1
                 WHERE id = ? AND status = 'queued' AND (send_lease_until IS NULL OR send_lease_until < now())
                RETURNING send_attempts, deleted_at IS NOT NULL AS deleted""",
                r -> new Lease(r.getInt("send_attempts"), r.getBoolean("deleted")), seconds + " seconds", messageId);
    }

    /** The attempt was not taken: the next one may lease the message at once. */
    public void release(Connection c, UUID messageId) throws SQLException {
        Sql.update(c, "UPDATE messages SET send_lease_until = NULL WHERE id = ? AND status = 'queued'", messageId);
    }

    /** The platform's id of a sent message, and the connection that sent it (the one its status webhooks name). */
    public void sentAs(Connection c, UUID messageId, UUID connectionId, String externalId) throws SQLException {
        Sql.update(c, "UPDATE messages SET external_id = ?, channel_connection_id = ?, send_lease_until = NULL WHERE id = ?",
                externalId, connectionId, messageId);
    }

    /** An outbound message's identity and delivery state, locked for the update. */
    record Tracked(UUID id, UUID organizationId, UUID conversationId, MessageStatus status) {
    }

    /**
     * Moves a message to {@code next} when that is forward, stamping the status time with
     * {@code at}; true when it moved. The caller holds the transaction.
     */
    public boolean advance(Connection c, UUID messageId, MessageStatus next, Instant at, String errorCode,
                           String errorMessage) throws SQLException {
        Optional<Tracked> tracked = Sql.one(c, """
                SELECT id, organization_id, conversation_id, status FROM messages
                 WHERE id = ? AND direction = 'outbound' FOR UPDATE""",
                r -> new Tracked(Sql.uuid(r, "id"), Sql.uuid(r, "organization_id"), Sql.uuid(r, "conversation_id"),
                        MessageStatus.parse(r.getString("status")).orElseThrow()), messageId);
        return tracked.isPresent() && advance(c, tracked.get(), next, at, errorCode, errorMessage);
    }

    private boolean advance(Connection c, Tracked message, MessageStatus next, Instant at, String errorCode,
                            String errorMessage) throws SQLException {
        if (!message.status().advancesTo(next)) {
            return false;
        }
        String status = next.wireName();
        Sql.update(c, """
                UPDATE messages
                   SET status = ?,
                       sent_at = CASE WHEN ? IN ('sent', 'delivered', 'read') THEN coalesce(sent_at, ?) ELSE sent_at END,
                       delivered_at = CASE WHEN ? IN ('delivered', 'read') THEN coalesce(delivered_at, ?) ELSE delivered_at END,
                       read_at = CASE WHEN ? = 'read' THEN ? ELSE read_at END,
                       failed_at = CASE WHEN ? = 'failed' THEN ? ELSE failed_at END,
                       error_code = CASE WHEN ? = 'failed' THEN ? ELSE error_code END,
                       error_message = CASE WHEN ? = 'failed' THEN ? ELSE error_message END,
                       send_lease_until = NULL
                 WHERE id = ?""",
                status, status, at, status, at, status, at, status, at, status, errorCode, status, errorMessage,
                message.id());
        events.emit(c, message.organizationId(), message.conversationId(), DomainEvents.MESSAGE_STATUS,
                Map.of("messageId", message.id(), "status", status));
        return true;
    }

    /**
     * A platform's status report for a message of a connection, by the platform's message id. When
     * no message carries that id yet, the report is kept (once per status) for {@link #recorded}.
     */
    public void report(Connection c, UUID organizationId, UUID connectionId, StatusReport report) throws SQLException {
        Optional<UUID> message = Sql.one(c, """
                SELECT id FROM messages WHERE channel_connection_id = ? AND external_id = ? AND direction = 'outbound'""",
                r -> Sql.uuid(r, "id"), connectionId, report.externalId());
        if (message.isPresent()) {
            advance(c, message.get(), report.status(), report.occurredAt(), report.errorCode(), report.errorMessage());
            return;
        }
        Sql.update(c, """
                INSERT INTO pending_message_statuses (id, organization_id, channel_connection_id, external_id, status,
                                                      error_code, error_message, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (channel_connection_id, external_id, status) DO NOTHING""",
                Ids.newId(), organizationId, connectionId, report.externalId(), report.status().wireName(),
                report.errorCode(), report.errorMessage(), report.occurredAt());
    }

    /**
     * The sender recorded the platform's id of a message: reports that came first are applied now,
     * in delivery order (sent, delivered, read, failed), and forgotten.
     */
    public void recorded(Connection c, UUID messageId, UUID connectionId, String externalId) throws SQLException {
        record Pending(MessageStatus status, Instant at, String code, String text) {
        }
        List<Pending> pending = new java.util.ArrayList<>(Sql.list(c, """
                DELETE FROM pending_message_statuses WHERE channel_connection_id = ? AND external_id = ?
                RETURNING status, occurred_at, error_code, error_message""",
                r -> new Pending(MessageStatus.parse(r.getString("status")).orElseThrow(), Sql.instant(r, "occurred_at"),
                        r.getString("error_code"), r.getString("error_message")), connectionId, externalId));
        pending.sort(java.util.Comparator.comparing(Pending::status));
        for (Pending p : pending) {
            advance(c, messageId, p.status(), p.at(), p.code(), p.text());
        }
    }

    /**
     * How much later than the platform's own send time we record {@code sent_at}: the Send API's
     * round trip. Messenger's read watermark is the platform's time, so a message read at once
     * carries a {@code sent_at} a little after the watermark that covers it.
     */
    static final java.time.Duration SEND_RECORDING_LAG = java.time.Duration.ofSeconds(5);

    /**
     * The customer read everything we sent on a connection up to {@code watermark} (Messenger and
     * Instagram read receipts name a time, not messages).
     */
    public int readUpTo(Connection c, UUID connectionId, String customer, Instant watermark) throws SQLException {
        List<UUID> ids = Sql.list(c, """
                SELECT m.id FROM messages m
                  JOIN conversations cv ON cv.id = m.conversation_id
                  JOIN contact_identities ci ON ci.contact_id = cv.contact_id AND ci.channel = cv.channel
                 WHERE m.channel_connection_id = ? AND ci.identifier = ? AND m.direction = 'outbound'
                   AND m.status IN ('sent', 'delivered') AND m.sent_at <= ?
                 ORDER BY m.sent_at""",
                r -> Sql.uuid(r, "id"), connectionId, customer, watermark.plus(SEND_RECORDING_LAG));
        int moved = 0;
        for (UUID id : ids) {
            if (advance(c, id, MessageStatus.READ, watermark, null, null)) {
                moved++;
            }
        }
        return moved;
    }
}
