package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.BulkResultView;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code POST /api/inbox/reassign-bulk}: moves conversations from one agent to another, all or
 * nothing. An agent moves only their own; an admin anyone's. Every conversation must be held by
 * {@code fromUserId} (409 lists those that are not) and the recipient must be eligible for each
 * (an active member of its team).
 */
@Singleton
public final class BulkReassigner {
    private final Database database;
    private final Handover handover;
    private final ConversationStore conversations;
    private final AgentAvailability availability;

    @Inject
    public BulkReassigner(Database database, Handover handover, ConversationStore conversations,
                          AgentAvailability availability) {
        this.database = database;
        this.handover = handover;
        this.conversations = conversations;
        this.availability = availability;
    }

    public BulkResultView reassign(Caller caller, AssignmentRequests.ReassignBulk request) {
        Validation v = new Validation();
        UUID from = v.uuid("fromUserId", request.fromUserId());
        UUID to = v.uuid("toUserId", request.toUserId());
        List<UUID> ids = v.uuids("conversationIds", request.conversationIds(),
                AssignmentRequests.ReassignBulk.MAX_CONVERSATIONS);
        if (from != null && from.equals(to)) {
            v.add("toUserId", "must differ from fromUserId");
        }
        v.throwIfInvalid();
        if (!caller.isAdmin() && !caller.userId().equals(from)) {
            throw ApiException.forbidden("an agent reassigns only their own conversations; an admin anyone's");
        }
        BulkResultView result = database.transaction(c -> {
            handover.lockOrganization(c, caller); // before the rows, as every assignment takes them
            List<UUID> found = conversations.lockAll(c, caller.organizationId(), ids);
            Validation unknown = new Validation();
            unknown.known("conversationIds", ids, new HashSet<>(found), "conversation");
            unknown.throwIfInvalid();
            List<RoutedConversation> moving = new ArrayList<>();
            List<UUID> notHeld = new ArrayList<>();
            for (UUID id : ids) {
                RoutedConversation conversation = handover.lock(c, caller, id);
                if (!from.equals(conversation.assigneeUserId())) {
                    notHeld.add(id);
                }
                moving.add(conversation);
            }
            if (!notHeld.isEmpty()) {
                throw new ApiException(409, "not-held", "Conflict", notHeld.size() + " of the conversations are not held by "
                        + from + "; nothing was reassigned", List.of(), Map.of("conversationIds", notHeld));
            }
            for (RoutedConversation conversation : moving) {
                handover.requireRecipient(c, caller, conversation, to, "toUserId");
            }
            for (RoutedConversation conversation : moving) {
                handover.give(c, caller, conversation, to, Trigger.BULK_REASSIGN, "reassigned in bulk");
            }
            return new BulkResultView(ids.size(), moving.size());
        });
        availability.freed(caller.organizationId(), from);
        return result;
    }
}
