package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code POST /api/inbox/auto-assign}: a member of the conversation's team (or an admin) asks the
 * strategy — the one named, else the team's — to choose, exactly as an arrival would, whether or
 * not the team assigns automatically. Nobody eligible: it waits in the team's queue (the decision
 * says why) when the team assigns automatically; otherwise 409 {@code nobody-available} with who
 * was skipped and why, and nothing changes (no drain would ever serve that queue).
 */
@Singleton
public final class OnDemandAssigner {
    private final Database database;
    private final Handover handover;
    private final ConversationRouter router;
    private final ConversationStore conversations;
    private final SettingsResolver settings;

    @Inject
    public OnDemandAssigner(Database database, Handover handover, ConversationRouter router,
                            ConversationStore conversations, SettingsResolver settings) {
        this.database = database;
        this.handover = handover;
        this.router = router;
        this.conversations = conversations;
        this.settings = settings;
    }

    public AssignmentResultView autoAssign(Caller caller, AssignmentRequests.AutoAssign request) {
        Validation v = new Validation();
        UUID id = v.uuid("conversationId", request.conversationId());
        AssignmentStrategy strategy = null;
        if (request.strategy() != null) {
            strategy = AssignmentStrategy.parse(request.strategy()).orElse(null);
            if (strategy == null) {
                v.add("strategy", "must be one of round_robin, load_balanced, skill_based, priority");
            }
        }
        v.throwIfInvalid();
        AssignmentStrategy chosen = strategy;
        return database.transaction(c -> {
            RoutedConversation conversation = handover.lock(c, caller, id);
            handover.requireActor(c, caller, conversation);
            handover.requireOpen(conversation);
            if (conversation.teamId() == null) {
                throw ApiException.conflict("no-team", "the conversation is in no team: assign a team first, whose"
                        + " members the strategy chooses from");
            }
            Decision d = router.decide(c, caller.organizationId(), id,
                    new Ask(Trigger.AUTO_ASSIGN, chosen, caller.userId(), null)).orElseThrow();
            if (d.outcome() == Outcome.QUEUED && !settings.forTeam(c, caller.organizationId(), conversation.teamId())
                    .autoAssignment().enabled()) {
                // a team that does not assign automatically has no drain: a queued conversation would wait forever
                throw new ApiException(409, "nobody-available", "Conflict", d.reason().replace(": waiting in the team's queue",
                        "") + "; the team does not assign automatically, so nothing was queued", List.of(),
                        Map.of("skipped", d.skipped()));
            }
            return new AssignmentResultView(conversations.summary(c, caller, id).orElseThrow(), d);
        });
    }
}
