package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code POST /api/inbox/assign}: a member of the conversation's team (or an admin) gives it to a
 * member of that team, whatever their presence or load — a person's choice, recorded as such. The
 * previous holder's freed capacity drains their teams' queues.
 */
@Singleton
public final class AgentAssigner {
    private final Database database;
    private final Handover handover;
    private final ConversationStore conversations;
    private final AgentAvailability availability;

    @Inject
    public AgentAssigner(Database database, Handover handover, ConversationStore conversations,
                         AgentAvailability availability) {
        this.database = database;
        this.handover = handover;
        this.conversations = conversations;
        this.availability = availability;
    }

    public AssignmentResultView assign(Caller caller, AssignmentRequests.Assign request) {
        Validation v = new Validation();
        UUID id = v.uuid("conversationId", request.conversationId());
        UUID to = v.uuid("assignToUserId", request.assignToUserId());
        v.throwIfInvalid();
        AssignmentResultView result = database.transaction(c -> {
            RoutedConversation conversation = handover.lock(c, caller, id);
            handover.requireActor(c, caller, conversation);
            handover.requireRecipient(c, caller, conversation, to, "assignToUserId");
            if (to.equals(conversation.assigneeUserId())) {
                throw handover.held(c, conversation, "the conversation is already assigned to this agent");
            }
            Decision d = handover.give(c, caller, conversation, to, Trigger.MANUAL, "assigned by hand");
            return new AssignmentResultView(conversations.summary(c, caller, id).orElseThrow(), d);
        });
        availability.freed(caller.organizationId(), result.decision().fromUserId());
        return result;
    }
}
