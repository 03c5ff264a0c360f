package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Moves a conversation along its lifecycle; a move the lifecycle forbids is 409 and changes nothing. */
@Singleton
public final class ConversationStatusChanger {
    private final Database database;
    private final ConversationStore conversations;

    @Inject
    public ConversationStatusChanger(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public ConversationSummaryView change(Caller caller, UUID conversationId, ChangeStatusRequest request) {
        if (request.status() == null) {
            throw ApiException.invalid("status", "is required");
        }
        ConversationStatus target = ConversationStatus.parse(request.status())
                .orElseThrow(() -> ApiException.invalid("status", "must be one of new, active, resolved, closed"));
        return database.transaction(c -> {
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
            }
            return conversations.summary(c, caller, conversationId).orElseThrow();
        });
    }
}
