package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code POST /api/inbox/transfer}: the agent holding a conversation (or an admin) hands it to a
 * teammate, with a reason kept in the assignment history. Their freed capacity drains the queues.
 */
@Singleton
public final class ConversationTransfer {
    private final Database database;
    private final Handover handover;
    private final ConversationStore conversations;
    private final AgentAvailability availability;

    @Inject
    public ConversationTransfer(Database database, Handover handover, ConversationStore conversations,
                                AgentAvailability availability) {
        this.database = database;
        this.handover = handover;
        this.conversations = conversations;
        this.availability = availability;
    }

    public AssignmentResultView transfer(Caller caller, AssignmentRequests.Transfer request) {
        Validation v = new Validation();
        UUID id = v.uuid("conversationId", request.conversationId());
        UUID to = v.uuid("toUserId", request.toUserId());
        String reason = request.reason() == null || request.reason().isBlank() ? null
                : v.text("reason", request.reason().strip(), AssignmentRequests.Transfer.MAX_REASON);
        v.throwIfInvalid();
        AssignmentResultView result = database.transaction(c -> {
            RoutedConversation conversation = handover.lock(c, caller, id);
            if (!caller.isAdmin() && !caller.userId().equals(conversation.assigneeUserId())) {
                throw ApiException.forbidden("only the agent holding the conversation (or an admin) may transfer it");
            }
            handover.requireOpen(conversation);
            handover.requireRecipient(c, caller, conversation, to, "toUserId");
            if (to.equals(conversation.assigneeUserId())) {
                throw handover.held(c, conversation, "the conversation is already with this agent");
            }
            Decision d = handover.give(c, caller, conversation, to, Trigger.TRANSFER,
                    reason == null ? "transferred" : "transferred: " + reason);
            return new AssignmentResultView(conversations.summary(c, caller, id).orElseThrow(), d);
        });
        availability.freed(caller.organizationId(), result.decision().fromUserId());
        return result;
    }
}
