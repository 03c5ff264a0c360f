package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.time.Instant;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Records delivery progress of an outbound message, forward only (see {@link MessageStatus}): a
 * report that would move it back is acknowledged and changes nothing, so reports may arrive late,
 * twice or out of order.
 */
@Singleton
public final class MessageStatusUpdater {
    static final int MAX_ERROR = 1000;

    private final Database database;
    private final MessageRepository messages;
    private final DeliveryTracker tracker;

    @Inject
    public MessageStatusUpdater(Database database, MessageRepository messages, DeliveryTracker tracker) {
        this.database = database;
        this.messages = messages;
        this.tracker = tracker;
    }

    public MessageView update(Caller caller, UUID messageId, UpdateStatus request) {
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
        v.throwIfInvalid();
        MessageStatus next = target;
        return database.transaction(c -> {
            // The tracker locks and reads the status itself; here only the tenant and the direction are checked.
            String direction = Sql.one(c, "SELECT direction FROM messages WHERE organization_id = ? AND id = ?",
                    r -> r.getString("direction"), caller.organizationId(), messageId)
                    .orElseThrow(() -> ApiException.notFound("message", messageId));
            if (!"outbound".equals(direction)) {
                throw ApiException.conflict("inbound-has-no-delivery-status", "only outbound messages have a delivery status");
            }
            tracker.advance(c, messageId, next, Instant.now(), request.errorCode(), request.errorMessage());
            return messages.find(c, caller.organizationId(), messageId).orElseThrow();
        });
    }
}
