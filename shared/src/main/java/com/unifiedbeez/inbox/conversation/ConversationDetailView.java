package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.contact.ContactView;
import com.unifiedbeez.inbox.message.MessageView;
import java.util.List;

/**
 * One conversation opened: the list item, the whole contact, and the latest messages in
 * chronological order (older ones page in through the messages API).
 */
public record ConversationDetailView(ConversationSummaryView conversation, ContactView contact, List<MessageView> lastMessages) {
    public static final int LAST_MESSAGES = 20;
}
