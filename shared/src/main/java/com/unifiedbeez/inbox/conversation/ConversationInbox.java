package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.Page;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The inbox lists: a view with filters, and search over contacts and message text. */
@Singleton
public final class ConversationInbox {
    private final Database database;
    private final ConversationStore conversations;

    @Inject
    public ConversationInbox(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public Page<ConversationSummaryView> view(Caller caller, ConversationFilter filter, PageRequest page) {
        return list(caller, filter, Optional.empty(), page);
    }

    public Page<ConversationSummaryView> search(Caller caller, SearchTerms terms, ConversationFilter filter, PageRequest page) {
        return list(caller, filter, Optional.of(terms), page);
    }

    private Page<ConversationSummaryView> list(Caller caller, ConversationFilter filter, Optional<SearchTerms> search,
                                           PageRequest page) {
        return database.read(c -> {
            if (filter.teamId() != null && Sql.one(c, "SELECT 1 FROM teams WHERE organization_id = ? AND id = ?",
                    r -> 1, caller.organizationId(), filter.teamId()).isEmpty()) {
                throw ApiException.invalid("teamId", "unknown team " + filter.teamId());
            }
            List<ConversationSummaryView> rows = conversations.page(c, caller, filter, search, page);
            if (rows.size() <= page.limit()) {
                return new Page<>(rows, null);
            }
            List<ConversationSummaryView> items = rows.subList(0, page.limit());
            ConversationSummaryView last = items.get(items.size() - 1);
            return new Page<>(List.copyOf(items), new Cursor(last.lastMessageAt(), last.id()).encode());
        });
    }
}
