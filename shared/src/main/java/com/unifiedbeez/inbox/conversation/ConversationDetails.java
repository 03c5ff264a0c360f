package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.attachment.AttachmentLinks;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Opens one conversation with its contact and latest messages. */
@Singleton
public final class ConversationDetails {
    private final Database database;
    private final ConversationStore conversations;
    private final ContactStore contacts;
    private final MessageStore messages;

    @Inject
    public ConversationDetails(Database database, ConversationStore conversations, ContactStore contacts,
                               MessageStore messages) {
        this.database = database;
        this.conversations = conversations;
        this.contacts = contacts;
        this.messages = messages;
    }

    public ConversationDetailView get(Caller caller, UUID id) {
        return database.read(c -> load(c, caller, id));
    }

    /** Reads the detail on an open connection, e.g. inside the transaction that just changed it. */
    public ConversationDetailView load(Connection c, Caller caller, UUID id) throws SQLException {
        ConversationSummaryView summary = conversations.summary(c, caller, id)
                .orElseThrow(() -> ApiException.notFound("conversation", id));
        var contact = contacts.find(c, caller.organizationId(), summary.contact().id()).orElseThrow();
        List<MessageView> latest = new ArrayList<>(Sql.list(c, "SELECT " + MessageView.COLUMNS
                        + " FROM messages WHERE organization_id = ? AND conversation_id = ?"
                        + " ORDER BY platform_timestamp DESC, id DESC LIMIT ?",
                MessageView::map, caller.organizationId(), id, ConversationDetailView.LAST_MESSAGES));
        Collections.reverse(latest);
        // No S3 in this function (cold start): attachment links come with the message history.
        return new ConversationDetailView(summary, contact, messages.decorate(c, latest, AttachmentLinks.NONE));
    }
}
