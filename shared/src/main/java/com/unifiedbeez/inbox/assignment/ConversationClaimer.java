package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code POST /api/inbox/claim}: an agent takes an unassigned open conversation of their team.
 * The conversation's row lock orders simultaneous claims: the first wins, each other one gets 409
 * naming the holder.
 */
@Singleton
public final class ConversationClaimer {
    private final Database database;
    private final Handover handover;
    private final ConversationStore conversations;

    @Inject
    public ConversationClaimer(Database database, Handover handover, ConversationStore conversations) {
        this.database = database;
        this.handover = handover;
        this.conversations = conversations;
    }

    public AssignmentResultView claim(Caller caller, AssignmentRequests.Claim request) {
        Validation v = new Validation();
        UUID id = v.uuid("conversationId", request.conversationId());
        v.throwIfInvalid();
        return database.transaction(c -> {
            RoutedConversation conversation = handover.lock(c, caller, id);
            handover.requireActor(c, caller, conversation);
            handover.requireOpen(conversation);
            if (conversation.assigneeUserId() != null) {
                throw handover.held(c, conversation, caller.userId().equals(conversation.assigneeUserId())
                        ? "you already hold this conversation" : "another agent holds this conversation");
            }
            Decision d = handover.give(c, caller, conversation, caller.userId(), Trigger.CLAIM, "claimed by the agent");
            return new AssignmentResultView(conversations.summary(c, caller, id).orElseThrow(), d);
        });
    }
}
