package com.unifiedbeez.inbox.event;

import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The realtime outbox: an event is written in the transaction of the change it announces, so it
 * exists exactly when the change does. Names and payload shapes are the spec's realtime table.
 * Once that transaction commits, the fan-out is nudged (once per organization and transaction);
 * the event gets its {@code seq} from {@link EventStream} then, never from the writer.
 */
@Singleton
public final class DomainEvents {
    /** { conversation, contact } */
    public static final String CONVERSATION_NEW = "conversation:new";
    /** { message, conversationId } */
    public static final String MESSAGE_RECEIVED = "message:received";
    /** { message, conversationId } */
    public static final String MESSAGE_SENT = "message:sent";
    /** { messageId, status } */
    public static final String MESSAGE_STATUS = "message:status";
    /** { conversationId, status } */
    public static final String CONVERSATION_STATUS = "conversation:status";
    /** { conversationId, assignedTo: { userId, teamId } } (either may be null: nobody) */
    public static final String CONVERSATION_ASSIGNED = "conversation:assigned";
    /** { conversationId, label: { id, name, color } } */
    public static final String LABEL_APPLIED = "label:applied";
    /** { conversationId, note, mentionedUsers } */
    public static final String NOTE_ADDED = "note:added";
    /** { conversationId, noteId }: a note was deleted; its mentions leave the mentioned agents' lists. */
    public static final String NOTE_DELETED = "note:deleted";
    /** { contactId, updates } */
    public static final String CONTACT_UPDATED = "contact:updated";
    /** {@code {scope, scopeId, keys, updatedBy}}: a settings level changed; to the users it affects. */
    public static final String SETTINGS_UPDATED = "settings:updated";
    /** {@code {conversationId, priority}} */
    public static final String CONVERSATION_PRIORITY = "conversation:priority";
    /** {@code {conversationId, teamId, queuedAt}}: nobody could take it; it waits in its team's queue. */
    public static final String CONVERSATION_QUEUED = "conversation:queued";
    /** {@code {conversationId, teamId, missedFirstTouches, decisionId}}: to the admins; back in the queue. */
    public static final String CONVERSATION_ESCALATED = "conversation:escalated";

    /** Every event the log keeps, in the spec's order. */
    public static final List<String> LOGGED = List.of(CONVERSATION_NEW, MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_STATUS,
            CONVERSATION_ASSIGNED, CONVERSATION_STATUS, LABEL_APPLIED, NOTE_ADDED, NOTE_DELETED, CONTACT_UPDATED,
            SETTINGS_UPDATED, CONVERSATION_PRIORITY, CONVERSATION_QUEUED, CONVERSATION_ESCALATED);

    private final Database database;
    private final RealtimeNudge nudge;

    @Inject
    public DomainEvents(Database database, RealtimeNudge nudge) {
        this.database = database;
        this.nudge = nudge;
    }

    /**
     * Records an event for every agent of the organization; {@code payload} is serialized with the
     * project's JSON conventions.
     */
    public void emit(Connection c, UUID organizationId, UUID conversationId, String name, Object payload)
            throws SQLException {
        write(c, organizationId, conversationId, name, payload, null);
    }

    /** Records an event that only {@code audience} (users of the organization) may receive. */
    public void emitTo(Connection c, UUID organizationId, UUID conversationId, String name, Object payload,
                       Collection<UUID> audience) throws SQLException {
        write(c, organizationId, conversationId, name, payload, List.copyOf(audience));
    }

    private void write(Connection c, UUID organizationId, UUID conversationId, String name, Object payload,
                       List<UUID> audience) throws SQLException {
        Sql.update(c, """
                INSERT INTO domain_events (id, organization_id, conversation_id, name, payload, audience)
                VALUES (?, ?, ?, ?, ?::json, ?::uuid[])""",
                Ids.newId(), organizationId, conversationId, name, Json.write(payload), audience);
        database.afterCommit(c, new Nudged(organizationId), () -> nudge.nudge(organizationId));
    }

    /** The after-commit key: one nudge per organization and transaction, however many events it wrote. */
    private record Nudged(UUID organizationId) {
    }
}
