package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Marks a conversation read for the calling agent: its unread count drops to zero for them only. */
@Singleton
public final class ConversationReadMarker {
    private final Database database;
    private final ConversationStore conversations;

    @Inject
    public ConversationReadMarker(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public ConversationSummaryView markRead(Caller caller, UUID conversationId) {
        return database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, false);
            conversations.markRead(c, caller.organizationId(), conversationId, caller.userId());
            return conversations.summary(c, caller, conversationId).orElseThrow();
        });
    }
}
