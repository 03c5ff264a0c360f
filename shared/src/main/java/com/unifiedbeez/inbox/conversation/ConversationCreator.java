package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.MessageView;
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
 * Starts a conversation an agent opens with a contact. The creator holds it (assigned, active).
 * An initial message is a send like any other ({@link MessageSubmitter}): checked against every
 * rule of the channel (reply windows, text limits, SMS segments) before anything is stored, stored
 * {@code queued} with the conversation in one transaction, then handed to the outbound queue. A
 * contact has at most one open conversation per channel connection, so a second start answers 409
 * naming the open one.
 */
@Singleton
public final class ConversationCreator {
    private final Database database;
    private final ContactStore contacts;
    private final ConversationDetails details;
    private final ConversationStore conversations;
    private final MessageSubmitter submitter;

    @Inject
    public ConversationCreator(Database database, ContactStore contacts, ConversationDetails details,
                               ConversationStore conversations, MessageSubmitter submitter) {
        this.database = database;
        this.contacts = contacts;
        this.details = details;
        this.conversations = conversations;
        this.submitter = submitter;
    }

    private record Created(ConversationDetailView detail, MessageView first) {
    }

    public ConversationDetailView create(Caller caller, CreateConversationRequest request) {
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
            initialMessage = v.text("initialMessage", initialMessage, CreateConversationRequest.MAX_MESSAGE_LENGTH);
        }
        v.throwIfInvalid();
        Channel ch = channel;
        String message = initialMessage;
        Created created = database.transaction(c -> {
            UUID connectionId = route(c, caller, contactId, ch);
            Optional<UUID> open = conversations.openConversation(c, contactId, ch, connectionId, null);
            if (open.isPresent()) {
                throw alreadyOpen(open.get());
            }
            UUID id = Ids.newId();
            // Microseconds, as PostgreSQL stores them, so the cursor of this row round-trips exactly.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // The reply window is the customer's on this connection, not the new row's: when they
            // last wrote in an earlier conversation, that time carries over.
            Instant lastInbound = conversations.lastInbound(c, contactId, ch, connectionId).orElse(null);
            ConversationRow row = new ConversationRow(id, caller.organizationId(), contactId, ch, connectionId,
                    ConversationStatus.ACTIVE, caller.userId(), null, lastInbound);
            MessageSubmitter.CheckedFirst first = message == null ? null
                    : submitter.checkFirst(c, caller, row, message, now);
            if (!conversations.insertActive(c, row, now, first == null ? null : first.preview())) {
                throw ApiException.conflict("conversation-already-open",
                        "the contact already has an open " + ch.wireName() + " conversation");
            }
            MessageView stored = first == null ? null : submitter.storeFirst(c, caller, row, first, now);
            return new Created(details.load(c, caller, id), stored);
        });
        if (created.first() != null) {
            submitter.dispatch(caller, created.first());
        }
        return created.detail();
    }

    /** The channel connection the conversation goes through: the contact's own, else the organization's live one. */
    private UUID route(Connection c, Caller caller, UUID contactId, Channel channel) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM contacts WHERE organization_id = ? AND id = ?", r -> 1,
                caller.organizationId(), contactId).isEmpty()) {
            throw ApiException.invalid("contactId", "unknown contact " + contactId);
        }
        var identity = contacts.identity(c, caller.organizationId(), contactId, channel)
                .orElseThrow(() -> ApiException.invalid("channel",
                        "the contact has no " + channel.wireName() + " address to write to"));
        return Sql.one(c, """
                SELECT id FROM channel_connections
                 WHERE organization_id = ? AND channel = ? AND status = 'active'
                 ORDER BY (id = ?) DESC, created_at LIMIT 1""",
                r -> Sql.uuid(r, "id"), caller.organizationId(), channel, identity.channelConnectionId())
                .orElseThrow(() -> ApiException.invalid("channel", "no " + channel.wireName() + " channel is connected"));
    }

    private static ApiException alreadyOpen(UUID existing) {
        return ApiException.conflict("conversation-already-open",
                "the contact already has an open conversation on this channel: " + existing);
    }
}
