package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationFilter;
import com.unifiedbeez.inbox.conversation.ConversationInbox;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView;
import com.unifiedbeez.inbox.conversation.InboxView;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.page.Page;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code GET /api/inbox/team/:teamId}: the team's conversations, newest activity first, with the
 * inbox list's filters ({@code status}, {@code assignee} — an id, {@code me} or {@code none} —,
 * {@code priority}, {@code channel}, {@code labels}) and cursor pages.
 */
@Singleton
public final class TeamInbox {
    private final Database database;
    private final ConversationInbox inbox;

    @Inject
    public TeamInbox(Database database, ConversationInbox inbox) {
        this.database = database;
        this.inbox = inbox;
    }

    public Page<ConversationSummaryView> view(Caller caller, UUID teamId, Map<String, String> query, PageRequest page) {
        database.read(c -> {
            TeamAccess.requireViewer(c, caller, teamId); // another organization's team is 404 whatever the filters
            return null;
        });
        ConversationFilter asked = ConversationFilter.fromQuery(query, caller, InboxView.TEAM);
        return inbox.view(caller, new ConversationFilter(InboxView.TEAM, teamId, asked.statuses(), asked.channels(),
                asked.priorities(), asked.assigneeUser(), asked.unassignedOnly(), asked.labelIds()), page);
    }
}
