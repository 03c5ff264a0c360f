package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.Page;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** {@code GET /api/inbox/conversations/:id/assignment-history}: every decision, oldest first. */
@Singleton
public final class AssignmentHistory {
    private final Database database;
    private final ConversationStore conversations;
    private final AssignmentStore store;

    @Inject
    public AssignmentHistory(Database database, ConversationStore conversations, AssignmentStore store) {
        this.database = database;
        this.conversations = conversations;
        this.store = store;
    }

    public Page<Decision> of(Caller caller, UUID conversationId, PageRequest page) {
        return database.read(c -> {
            conversations.require(c, caller.organizationId(), conversationId, false);
            List<Decision> rows = store.history(c, caller.organizationId(), conversationId,
                    page.after().map(Cursor::at).orElse(null), page.after().map(Cursor::id).orElse(null), page.limit() + 1);
            if (rows.size() <= page.limit()) {
                return new Page<>(rows, null);
            }
            Decision last = rows.get(page.limit() - 1);
            return new Page<>(rows.subList(0, page.limit()), new Cursor(last.decidedAt(), last.id()).encode());
        });
    }
}
