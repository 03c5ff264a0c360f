package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.Optional;
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
    private final MessageStore messages;
    private final ConversationStore conversations;

    @Inject
    public MessageDeleter(Database database, MessageStore messages, ConversationStore conversations) {
        this.database = database;
        this.messages = messages;
        this.conversations = conversations;
    }

    public void delete(Caller caller, UUID messageId) {
        database.transaction(c -> {
            UUID sender = Sql.one(c, "SELECT sender_user_id FROM messages WHERE organization_id = ? AND id = ? FOR UPDATE",
                    r -> Optional.ofNullable(Sql.uuid(r, "sender_user_id")), caller.organizationId(), messageId)
                    .orElseThrow(() -> ApiException.notFound("message", messageId))
                    .orElse(null);
            if (!caller.isAdmin() && !caller.userId().equals(sender)) {
                throw ApiException.forbidden("agents can delete only their own messages");
            }
            Optional<UUID> conversationId = messages.softDelete(c, messageId, caller.userId());
            if (conversationId.isPresent()) {
                conversations.refreshPreview(c, conversationId.get());
            }
            return null;
        });
    }
}
