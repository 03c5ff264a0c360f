package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.contact.ContactRepository;
import com.unifiedbeez.inbox.message.Previews;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Starts a conversation an agent opens with a contact. The creator holds it (assigned, active);
 * an initial message is stored {@code queued} for the send queue. A contact has at most one open
 * conversation per channel connection, so a second start answers 409 naming the open one.
 */
@Singleton
public final class ConversationCreator {
    private final Database database;
    private final ContactRepository contacts;
    private final ConversationDetails details;
    private final ConversationRepository conversations;

    @Inject
    public ConversationCreator(Database database, ContactRepository contacts, ConversationDetails details,
                               ConversationRepository conversations) {
        this.database = database;
        this.contacts = contacts;
        this.details = details;
        this.conversations = conversations;
    }

    public ConversationDetail create(Caller caller, CreateConversation request) {
        Validation v = new Validation();
        UUID contactId = v.uuid("contactId", request.contactId());
        Channel channel = null;
        if (request.channel() == null) {
            v.add("channel", "is required");
        } else {
            channel = Channel.parse(request.channel()).orElse(null);
            if (channel == null) {
                v.add("channel", "must be one of " + Channel.allowedValues());
            }
        }
        String initialMessage = request.initialMessage();
        if (initialMessage != null) {
            initialMessage = v.text("initialMessage", initialMessage, CreateConversation.MAX_MESSAGE_LENGTH);
        }
        v.throwIfInvalid();
        Channel ch = channel;
        String message = initialMessage;
        return database.transaction(c -> {
            UUID connectionId = route(c, caller, contactId, ch);
            Optional<UUID> open = conversations.openConversation(c, contactId, ch.wireName(), connectionId, null);
            if (open.isPresent()) {
                throw alreadyOpen(open.get());
            }
            UUID id = Ids.newId();
            // Microseconds, as PostgreSQL stores them, so the cursor of this row round-trips exactly.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            try {
                Sql.update(c, """
                        INSERT INTO conversations (id, organization_id, contact_id, channel, channel_connection_id, status,
                                                   assignee_user_id, last_message_at, last_message_preview, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)""",
                        id, caller.organizationId(), contactId, ch.wireName(), connectionId, caller.userId(), now,
                        message == null ? null : Previews.of("text", message), now, now);
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw ApiException.conflict("conversation-already-open",
                            "the contact already has an open " + ch.wireName() + " conversation");
                }
                throw e;
            }
            if (message != null) {
                Sql.update(c, """
                        INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                              sender_user_id, message_type, content, status, queued_at, platform_timestamp, created_at)
                        VALUES (?, ?, ?, ?, 'outbound', 'user', ?, 'text', ?, 'queued', ?, ?, ?)""",
                        Ids.newId(), caller.organizationId(), id, connectionId, caller.userId(), message, now, now, now);
            }
            return details.load(c, caller, id);
        });
    }

    /** The channel connection the conversation goes through: the contact's own, else the organization's live one. */
    private UUID route(Connection c, Caller caller, UUID contactId, Channel channel) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM contacts WHERE organization_id = ? AND id = ?", r -> 1,
                caller.organizationId(), contactId).isEmpty()) {
            throw ApiException.invalid("contactId", "unknown contact " + contactId);
        }
        var identity = contacts.identity(c, caller.organizationId(), contactId, channel.wireName())
                .orElseThrow(() -> ApiException.invalid("channel",
                        "the contact has no " + channel.wireName() + " address to write to"));
        return Sql.one(c, """
                SELECT id FROM channel_connections
                 WHERE organization_id = ? AND channel = ? AND status = 'active'
                 ORDER BY (id = ?) DESC, created_at LIMIT 1""",
                r -> Sql.uuid(r, "id"), caller.organizationId(), channel.wireName(), identity.channelConnectionId())
                .orElseThrow(() -> ApiException.invalid("channel", "no " + channel.wireName() + " channel is connected"));
    }

    private static ApiException alreadyOpen(UUID existing) {
        return ApiException.conflict("conversation-already-open",
                "the contact already has an open conversation on this channel: " + existing);
    }
}
