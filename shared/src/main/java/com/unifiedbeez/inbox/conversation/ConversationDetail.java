package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.contact.ContactDetail;
import com.unifiedbeez.inbox.message.MessageView;
import java.util.List;

/**
 * One conversation opened: the list item, the whole contact, and the latest messages in
 * chronological order (older ones page in through the messages API).
 */
public record ConversationDetail(ConversationSummary conversation, ContactDetail contact, List<MessageView> lastMessages) {
    public static final int LAST_MESSAGES = 20;
}
