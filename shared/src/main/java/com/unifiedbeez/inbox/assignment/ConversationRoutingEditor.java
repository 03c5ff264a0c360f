package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code PUT /api/inbox/conversations/:id/routing}: what routing needs to know of a conversation —
 * its priority (the queue's order, the priority strategy) and the skills it needs (skill_based).
 * Absent fields stay. A queued conversation is routed again at once.
 */
@Singleton
public final class ConversationRoutingEditor {
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    private static final int MAX_SKILLS = 20;

    private final Database database;
    private final Handover handover;
    private final ConversationStore conversations;
    private final RoutingStore routing;
    private final ConversationRouter router;

    @Inject
    public ConversationRoutingEditor(Database database, Handover handover, ConversationStore conversations,
                                     RoutingStore routing, ConversationRouter router) {
        this.database = database;
        this.handover = handover;
        this.conversations = conversations;
        this.routing = routing;
        this.router = router;
    }

    /** The conversation's routing after the change; its skills in alphabetical order (the same on every call). */
    public record RoutingView(UUID conversationId, UUID teamId, String priority, Set<String> requiredSkills,
                              boolean queued) {
        public RoutingView {
            requiredSkills = Collections.unmodifiableSortedSet(new TreeSet<>(requiredSkills));
        }
    }

    public RoutingView update(Caller caller, UUID conversationId, AssignmentRequests.ConversationRouting request) {
        Validation v = new Validation();
        if (request.priority() != null && !PRIORITIES.contains(request.priority())) {
            v.add("priority", "must be one of low, normal, high, urgent");
        }
        Set<String> skills = null;
        if (request.requiredSkills() != null) {
            skills = new TreeSet<>();
            if (request.requiredSkills().size() > MAX_SKILLS) {
                v.add("requiredSkills", "at most " + MAX_SKILLS + " skills");
            }
            for (String skill : request.requiredSkills()) {
                if (skill == null || skill.isBlank() || skill.length() > 60) {
                    v.add("requiredSkills", "each skill is 1 to 60 characters");
                } else {
                    skills.add(RequiredSkills.normalize(skill));
                }
            }
        }
        v.throwIfInvalid();
        Set<String> required = skills;
        RoutedConversation after = database.transaction(c -> {
            RoutedConversation conversation = handover.lock(c, caller, conversationId);
            handover.requireActor(c, caller, conversation);
            if (request.priority() != null) {
                conversations.setPriority(c, caller.organizationId(), conversationId, request.priority());
            }
            if (required != null) {
                routing.requireSkills(c, caller.organizationId(), conversationId, required);
            }
            return routing.find(c, caller.organizationId(), conversationId).orElseThrow();
        });
        if (after.queued() && after.teamId() != null) {
            router.drain(caller.organizationId(), List.of(after.teamId()));
        }
        RoutedConversation now = database.read(c -> routing.find(c, caller.organizationId(), conversationId).orElseThrow());
        return new RoutingView(now.id(), now.teamId(), now.priority(), now.explicitSkills(), now.queued());
    }
}
