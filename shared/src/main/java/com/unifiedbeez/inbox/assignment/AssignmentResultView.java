package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationSummaryView;

/** A conversation after a decision, and the decision (as the history shows it). */
public record AssignmentResultView(ConversationSummaryView conversation, Decision decision) {
}
