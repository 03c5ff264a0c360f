package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Soft-deletes a message: its content disappears from every view and search (history keeps its
 * place without content, the conversation's preview falls back to the newest remaining message),
 * the row stays for audit. Agents delete their own messages; admins any. Deleting twice is fine.
 */
@Singleton
public final class MessageDeleter {
    private final Database database;
    private final ConversationStore conversations;

    @Inject
    public MessageDeleter(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public void delete(Caller caller, UUID messageId) {
        database.transaction(c -> {
            UUID sender = Sql.one(c, "SELECT sender_user_id FROM messages WHERE organization_id = ? AND id = ? FOR UPDATE",
                    r -> java.util.Optional.ofNullable(Sql.uuid(r, "sender_user_id")), caller.organizationId(), messageId)
                    .orElseThrow(() -> ApiException.notFound("message", messageId))
                    .orElse(null);
            if (!caller.isAdmin() && !caller.userId().equals(sender)) {
                throw ApiException.forbidden("agents can delete only their own messages");
            }
            UUID conversationId = Sql.one(c, """
                    UPDATE messages SET deleted_at = now(), deleted_by = ? WHERE id = ? AND deleted_at IS NULL
                    RETURNING conversation_id""", r -> Sql.uuid(r, "conversation_id"), caller.userId(), messageId)
                    .orElse(null);
            if (conversationId != null) {
                conversations.refreshPreview(c, conversationId);
            }
            return null;
        });
    }
}
