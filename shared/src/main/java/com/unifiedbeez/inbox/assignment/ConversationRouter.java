package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.platform.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs automatic decisions, each batch in its own transaction under the organization's assignment
 * lock: one conversation (an arrival, a reopen) or a team's queue in order (a drain: an agent came
 * online, freed or raised capacity). What a crash interrupts is still queued, and the assignment
 * sweep drains it.
 */
@Singleton
public final class ConversationRouter {
    /** Conversations decided per transaction while draining: short lock holds, progress kept. */
    static final int DRAIN_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ConversationRouter.class);

    private final Database database;
    private final AssignmentStore store;
    private final RoutingStore routing;
    private final AutoAssigner assigner;

    @Inject
    public ConversationRouter(Database database, AssignmentStore store, RoutingStore routing, AutoAssigner assigner) {
        this.database = database;
        this.store = store;
        this.routing = routing;
        this.assigner = assigner;
    }

    /** One decision for a conversation of a team, in its own transaction; empty when there was nothing to decide. */
    public Optional<Decision> route(UUID organizationId, UUID conversationId, Ask ask) {
        return database.transaction(c -> decide(c, organizationId, conversationId, ask));
    }

    /** The same in the caller's transaction, which this locks. */
    public Optional<Decision> decide(Connection c, UUID organizationId, UUID conversationId, Ask ask) throws SQLException {
        store.lockOrganization(c, organizationId);
        Optional<RoutedConversation> found = routing.find(c, organizationId, conversationId);
        if (found.isEmpty() || found.get().teamId() == null) {
            return Optional.empty();
        }
        RoutedConversation conversation = found.get();
        if (!conversation.status().isOpen()) {
            routing.settle(c, conversationId);
            return Optional.empty();
        }
        return assigner.decide(c, conversation, assigner.roster(c, organizationId, conversation.teamId()), ask);
    }

    /** After an arrival's transaction: a failure is logged, and the conversation waits for the sweep. */
    public void routeQuietly(UUID organizationId, UUID conversationId, Trigger trigger) {
        try {
            route(organizationId, conversationId, Ask.system(trigger));
        } catch (RuntimeException e) {
            LOG.warn("routing conversation {} failed; it stays queued for the assignment sweep", conversationId, e);
        }
    }

    /** Drains the teams' queues in order, as far as their members have room; returns how many were assigned. */
    public int drain(UUID organizationId, Collection<UUID> teamIds) {
        int assigned = 0;
        for (UUID teamId : teamIds) {
            assigned += drainTeam(organizationId, teamId);
        }
        return assigned;
    }

    private int drainTeam(UUID organizationId, UUID teamId) {
        int assigned = 0;
        int offset = 0;
        while (true) {
            record Batch(int assigned, int decided, boolean more) {
            }
            int skip = offset;
            Batch batch = database.transaction(c -> {
                store.lockOrganization(c, organizationId);
                Roster roster = assigner.roster(c, organizationId, teamId);
                if (!roster.settings().enabled() || !roster.anyoneAvailable()) {
                    return new Batch(0, 0, false);
                }
                List<UUID> queue = routing.queue(c, organizationId, teamId, skip + DRAIN_BATCH);
                int done = 0;
                int waiting = 0;
                for (UUID id : queue.subList(Math.min(skip, queue.size()), queue.size())) {
                    if (!roster.anyoneAvailable()) {
                        break;
                    }
                    Optional<RoutedConversation> conversation = routing.find(c, organizationId, id);
                    if (conversation.isEmpty() || !conversation.get().status().isOpen()) {
                        routing.settle(c, id);
                        continue;
                    }
                    Optional<Decision> d = assigner.decide(c, conversation.get(), roster, Ask.system(Trigger.DRAIN));
                    if (d.isPresent() && d.get().toUserId() != null) {
                        done++;
                    } else {
                        waiting++; // nobody may take this one (skills); those behind it still may
                    }
                }
                return new Batch(done, waiting, queue.size() == skip + DRAIN_BATCH && roster.anyoneAvailable());
            });
            assigned += batch.assigned();
            offset += batch.decided();
            if (!batch.more()) {
                return assigned;
            }
        }
    }
}
