package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What a client may say about a message's status. Delivery status comes from the platforms (status
 * webhooks) and the sender's own result, never from a client: a client may only mark an inbound
 * message read (for the caller: it and everything before it stop counting as unread), or record a
 * failure of its own outbound message once the sender has handed it to the platform ({@code sent})
 * — e.g. the customer says it never arrived. A queued message is the sender's to send or fail: an
 * agent cannot mark a colleague's (or their own) queued message failed so that it is never sent.
 * Nothing is said about a deleted message.
 */
@Singleton
public final class MessageStatusUpdater {
    static final int MAX_ERROR = 1000;

    private final Database database;
    private final MessageStore messages;
    private final ConversationStore conversations;
    private final DeliveryTracker tracker;

    @Inject
    public MessageStatusUpdater(Database database, MessageStore messages, ConversationStore conversations,
                                DeliveryTracker tracker) {
        this.database = database;
        this.messages = messages;
        this.conversations = conversations;
        this.tracker = tracker;
    }

    private record Target(String direction, UUID conversationId, UUID senderUserId, MessageStatus status,
                          boolean deleted) {
    }

    public MessageView update(Caller caller, UUID messageId, UpdateStatusRequest request) {
        Validation v = new Validation();
        MessageStatus target = null;
        if (request.status() == null) {
            v.add("status", "is required");
        } else {
            target = MessageStatus.parse(request.status()).filter(s -> s != MessageStatus.QUEUED).orElse(null);
            if (target == null) {
                v.add("status", "must be one of sent, delivered, read, failed");
            }
        }
        if (target == MessageStatus.FAILED && (request.errorMessage() == null || request.errorMessage().isBlank())) {
            v.add("errorMessage", "is required when a message failed: say why");
        }
        if (request.errorMessage() != null && request.errorMessage().length() > MAX_ERROR) {
            v.add("errorMessage", "is longer than " + MAX_ERROR + " characters");
        }
        if (request.errorCode() != null && request.errorCode().length() > MAX_ERROR) {
            v.add("errorCode", "is longer than " + MAX_ERROR + " characters");
        }
        v.throwIfInvalid();
        MessageStatus next = target;
        return database.transaction(c -> {
            // Locked: a concurrent delete or sender result is decided before or after this, not during.
            Target message = Sql.one(c, """
                    SELECT direction, conversation_id, sender_user_id, status, deleted_at IS NOT NULL AS deleted
                      FROM messages WHERE organization_id = ? AND id = ? FOR UPDATE""",
                    r -> new Target(r.getString("direction"), Sql.uuid(r, "conversation_id"), Sql.uuid(r, "sender_user_id"),
                            MessageStatus.parse(r.getString("status")).orElse(null), r.getBoolean("deleted")),
                    caller.organizationId(), messageId)
                    .orElseThrow(() -> ApiException.notFound("message", messageId));
            if (message.deleted()) {
                throw ApiException.conflict("message-deleted", "message " + messageId + " was deleted");
            }
            if ("inbound".equals(message.direction())) {
                markInboundRead(c, caller, messageId, message, next);
            } else {
                recordOwnFailure(c, caller, messageId, message, next, request);
            }
            return messages.find(c, caller.organizationId(), messageId).orElseThrow();
        });
    }

    private void markInboundRead(Connection c, Caller caller, UUID messageId, Target message, MessageStatus next)
            throws SQLException {
        if (next != MessageStatus.READ) {
            throw ApiException.conflict("inbound-has-no-delivery-status",
                    "an inbound message has no delivery status; it can only be marked read");
        }
        messages.markRead(c, messageId);
        // The caller's read marker moves up to this message, never back (unread counts follow it).
        conversations.markReadUpTo(c, messageId, caller.userId());
    }

    private void recordOwnFailure(Connection c, Caller caller, UUID messageId, Target message, MessageStatus next,
                                  UpdateStatusRequest request) throws SQLException {
        if (next != MessageStatus.FAILED) {
            throw ApiException.conflict("delivery-status-from-platform", "the delivery status of an outbound message"
                    + " comes from the platform; a client may only record that its own sent message failed");
        }
        if (!caller.userId().equals(message.senderUserId())) {
            throw ApiException.forbidden("only the agent who sent a message may record that it failed");
        }
        switch (message.status()) {
            case QUEUED -> throw ApiException.conflict("message-still-queued",
                    "message " + messageId + " is still queued: the sender sends it or records why it failed");
            case DELIVERED, READ -> throw ApiException.conflict("message-already-delivered",
                    "the platform reported message " + messageId + " " + message.status().wireName()
                            + "; a failure after delivery is not recorded");
            case SENT -> tracker.advance(c, messageId, MessageStatus.FAILED, Instant.now(), request.errorCode(),
                    request.errorMessage());
            case FAILED -> { } // recorded already: a retried PATCH changes nothing
        }
    }
}
