package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Marks a conversation read for the calling agent: its unread count drops to zero for them only. */
@Singleton
public final class ConversationReadMarker {
    private final Database database;
    private final ConversationRepository conversations;

    @Inject
    public ConversationReadMarker(Database database, ConversationRepository conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public ConversationSummary markRead(Caller caller, UUID conversationId) {
        return database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, false);
            Sql.update(c, """
                    INSERT INTO conversation_reads (organization_id, conversation_id, user_id, last_read_at)
                    VALUES (?, ?, ?, now())
                    ON CONFLICT (conversation_id, user_id)
                    DO UPDATE SET last_read_at = greatest(conversation_reads.last_read_at, excluded.last_read_at)""",
                    caller.organizationId(), conversationId, caller.userId());
            return conversations.summary(c, caller, conversationId).orElseThrow();
        });
    }
}
