package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** One reaction per agent per message: a new emoji replaces the old one, the same emoji toggles it off. */
@Singleton
public final class MessageReactions {
    private final Database database;
    private final MessageStore messages;

    @Inject
    public MessageReactions(Database database, MessageStore messages) {
        this.database = database;
        this.messages = messages;
    }

    public MessageView react(Caller caller, UUID messageId, ReactRequest request) {
        String emoji = request.validEmoji();
        return database.transaction(c -> {
            if (Sql.one(c, "SELECT 1 FROM messages WHERE organization_id = ? AND id = ? AND deleted_at IS NULL FOR UPDATE",
                    r -> 1, caller.organizationId(), messageId).isEmpty()) {
                throw ApiException.notFound("message", messageId);
            }
            messages.toggleAgentReaction(c, caller.organizationId(), messageId, caller.userId(), emoji);
            return messages.find(c, caller.organizationId(), messageId).orElseThrow();
        });
    }
}
