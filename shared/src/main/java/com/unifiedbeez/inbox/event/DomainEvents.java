package com.unifiedbeez.inbox.event;

import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The realtime outbox: an event is written in the transaction of the change it announces, so it
 * exists exactly when the change does. Names and payload shapes are the spec's realtime table.
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

    @Inject
    public DomainEvents() {
    }

    /** Records an event; {@code payload} is serialized with the project's JSON conventions. */
    public void emit(Connection c, UUID organizationId, UUID conversationId, String name, Object payload)
            throws SQLException {
        Sql.update(c, "INSERT INTO domain_events (id, organization_id, conversation_id, name, payload) VALUES (?, ?, ?, ?, ?::jsonb)",
                Ids.newId(), organizationId, conversationId, name, Json.write(payload));
    }
}
