package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.assignment.AgentAvailability;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Moves a conversation along its lifecycle; a move the lifecycle forbids is 409 and changes nothing.
 * Resolving or closing frees its agent's capacity, which drains their teams' queues.
 */
@Singleton
public final class ConversationStatusChanger {
    private final Database database;
    private final ConversationStore conversations;
    private final AgentAvailability availability;

    @Inject
    public ConversationStatusChanger(Database database, ConversationStore conversations,
                                     AgentAvailability availability) {
        this.database = database;
        this.conversations = conversations;
        this.availability = availability;
    }

    public ConversationSummaryView change(Caller caller, UUID conversationId, ChangeStatusRequest request) {
        if (request.status() == null) {
            throw ApiException.invalid("status", "is required");
        }
        ConversationStatus target = ConversationStatus.parse(request.status())
                .orElseThrow(() -> ApiException.invalid("status", "must be one of new, active, resolved, closed"));
        UUID[] freed = new UUID[1];
        ConversationSummaryView changed = database.transaction(c -> {
            ConversationRow row = conversations.require(c, caller.organizationId(), conversationId, true);
            if (!row.status().canMoveTo(target)) {
                throw ApiException.conflict("invalid-status-transition",
                        "a " + row.status().wireName() + " conversation cannot become " + target.wireName()
                                + "; allowed: " + row.status().next().stream().map(ConversationStatus::wireName).toList());
            }
            if (target.isOpen()) {
                conversations.requireReopenable(c, row);
            }
            if (row.status() != target) {
                conversations.moveTo(c, caller.organizationId(), conversationId, target);
                freed[0] = row.status().isOpen() && !target.isOpen() ? row.assigneeUserId() : null;
            }
            return conversations.summary(c, caller, conversationId).orElseThrow();
        });
        availability.freed(caller.organizationId(), freed[0]);
        return changed;
    }
}
