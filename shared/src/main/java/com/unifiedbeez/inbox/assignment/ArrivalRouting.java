package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.settings.SettingsResolver;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A customer's new or reopened conversation in a team that assigns automatically joins the
 * team's queue in the message's own transaction — so it cannot be lost — and the caller routes it
 * once that commits ({@link ConversationRouter#routeQuietly}). A reopened conversation keeps its
 * agent while it waits: the decision gives it back to them if they are eligible.
 */
@Singleton
public final class ArrivalRouting {
    private final RoutingStore routing;
    private final SettingsResolver settings;
    private final AutoAssigner assigner;

    @Inject
    public ArrivalRouting(RoutingStore routing, SettingsResolver settings, AutoAssigner assigner) {
        this.routing = routing;
        this.settings = settings;
        this.assigner = assigner;
    }

    /** What to route after commit, if anything. */
    public record Pending(UUID organizationId, UUID conversationId, Trigger trigger) {
    }

    public Optional<Pending> arrived(Connection c, UUID organizationId, UUID conversationId, boolean reopened)
            throws SQLException {
        Optional<RoutedConversation> found = routing.find(c, organizationId, conversationId);
        if (found.isEmpty() || found.get().teamId() == null) {
            return Optional.empty();
        }
        RoutedConversation conversation = found.get();
        if (!settings.forTeam(c, organizationId, conversation.teamId()).autoAssignment().enabled()) {
            return Optional.empty();
        }
        routing.enqueue(c, organizationId, conversationId, null, assigner.now());
        return Optional.of(new Pending(organizationId, conversationId, reopened ? Trigger.REOPEN : Trigger.ARRIVAL));
    }
}
