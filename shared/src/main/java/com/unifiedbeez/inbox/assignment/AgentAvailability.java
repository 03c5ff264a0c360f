package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.realtime.PresenceStatus;
import com.unifiedbeez.inbox.settings.AutoAssignment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * What an agent's presence means for their work. Coming online (or back from busy) drains the
 * queues of their teams; going away or offline sends their open conversations they have not
 * replied to in the team's {@code reassignAwayAfterMinutes} back to the strategy — to available
 * teammates, or to the queue, from which they get them back first when they return.
 */
@Singleton
public final class AgentAvailability {
    private final Database database;
    private final AssignmentStore store;
    private final RoutingStore routing;
    private final AutoAssigner assigner;
    private final ConversationRouter router;

    @Inject
    public AgentAvailability(Database database, AssignmentStore store, RoutingStore routing, AutoAssigner assigner,
                             ConversationRouter router) {
        this.database = database;
        this.store = store;
        this.routing = routing;
        this.assigner = assigner;
        this.router = router;
    }

    /** Returns how many conversations moved. */
    public int changed(UUID organizationId, UUID userId, PresenceStatus status) {
        return switch (status) {
            case ONLINE -> router.drain(organizationId, teamsOf(organizationId, userId));
            case AWAY, OFFLINE -> reassignStale(organizationId, userId);
            case BUSY -> 0; // present, taking no new work: what they hold stays theirs
        };
    }

    /**
     * An agent has room again (a conversation of theirs was resolved, closed, transferred or
     * reassigned): their teams' queues are drained. Quiet: the change that freed it has committed.
     */
    public void freed(UUID organizationId, UUID userId) {
        if (userId == null) {
            return;
        }
        try {
            router.drain(organizationId, teamsOf(organizationId, userId));
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AgentAvailability.class)
                    .warn("draining after {} freed capacity failed; the assignment sweep will", userId, e);
        }
    }

    /** The absent agent's stale conversations, team by team, each decided without them. */
    public int reassignStale(UUID organizationId, UUID userId) {
        int moved = 0;
        for (UUID teamId : teamsOf(organizationId, userId)) {
            moved += database.transaction(c -> {
                store.lockOrganization(c, organizationId);
                // the lock is held: the agent cannot have come back unseen between this read and the moves
                if (Sql.one(c, "SELECT 1 FROM users WHERE id = ? AND status IN ('away', 'offline')", r -> 1, userId)
                        .isEmpty()) {
                    return 0;
                }
                Roster roster = assigner.roster(c, organizationId, teamId);
                AutoAssignment team = roster.settings();
                Optional<Duration> quiet = team.reassignAwayAfter();
                if (!team.enabled() || quiet.isEmpty()) {
                    return 0;
                }
                Instant since = assigner.now().minus(quiet.get());
                int n = 0;
                for (UUID id : routing.staleOf(c, organizationId, teamId, userId, since)) {
                    Optional<RoutedConversation> conversation = routing.find(c, organizationId, id);
                    if (conversation.isPresent() && assigner.decide(c, conversation.get(), roster,
                            new Ask(Trigger.AWAY, null, null, userId)).isPresent()) {
                        n++;
                    }
                }
                return n;
            });
        }
        return moved;
    }

    private List<UUID> teamsOf(UUID organizationId, UUID userId) {
        return database.read(c -> Sql.list(c, "SELECT team_id FROM team_members WHERE organization_id = ? AND user_id = ?",
                r -> Sql.uuid(r, "team_id"), organizationId, userId));
    }
}
