package com.unifiedbeez.inbox.assignment;

import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.SettingsRows;
import com.unifiedbeez.inbox.testing.TestClock;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One organization with a team that assigns automatically, on the test database: agents with a
 * presence, conversations arriving in the team as a customer's first message brings them (the
 * arrival's transaction queues, the decision follows its commit), and what the rows say after.
 */
final class AssignmentRig {
    final Fixtures fx = Fixtures.onTestDatabase();
    final Database database = new Database(TestDatabase.dataSource());
    final DomainEvents events = TestEvents.written(database);
    final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    final AssignmentWiring wiring = AssignmentWiring.of(database, events, clock);
    final UUID org = fx.organization("Routing " + UUID.randomUUID());
    final Caller admin = fx.user(org, "Admin", Role.ADMIN);
    final UUID team = fx.team(org, "Support");
    private final List<Caller> agents = new ArrayList<>();

    AssignmentRig(String autoAssignment) {
        new SettingsRows(fx).put(org, SettingScope.TEAM, team, "{\"autoAssignment\": " + autoAssignment + "}");
    }

    /** {@code {"enabled": true, "strategy": <strategy>, "maxConversationsPerAgent": <capacity>, "onlyOnline": true}} */
    static String settings(String strategy, int capacity) {
        return "{\"enabled\": true, \"strategy\": \"" + strategy + "\", \"maxConversationsPerAgent\": " + capacity
                + ", \"onlyOnline\": true}";
    }

    Caller agent(String name, String presence) {
        Caller agent = fx.user(org, name, Role.AGENT);
        fx.exec("INSERT INTO team_members (organization_id, team_id, user_id) VALUES (?, ?, ?)", org, team, agent.userId());
        presence(agent, presence);
        agents.add(agent);
        return agent;
    }

    void presence(Caller agent, String status) {
        fx.exec("UPDATE users SET status = ? WHERE id = ?", status, agent.userId());
    }

    void member(Caller agent, String column, Object value) {
        fx.exec("UPDATE team_members SET " + column + " = ? WHERE team_id = ? AND user_id = ?", value, team, agent.userId());
    }

    /** A customer's new conversation in the team, routed as an arrival is. */
    UUID arrive() {
        return arrive("normal");
    }

    UUID arrive(String priority) {
        UUID id = conversation(priority);
        ArrivalRouting.Pending pending = database.transaction(c -> wiring.arrivals().arrived(c, org, id, false))
                .orElseThrow();
        wiring.router().routeQuietly(pending.organizationId(), pending.conversationId(), pending.trigger());
        return id;
    }

    /** A new conversation in the team, not yet routed. */
    UUID conversation(String priority) {
        UUID contact = fx.contact(org, "Customer", "whatsapp", "+4477" + (long) (Math.random() * 1e9));
        UUID id = fx.conversation(org, contact, "whatsapp", ConversationSpec.open(clock.instant()).team(team));
        fx.exec("UPDATE conversations SET priority = ? WHERE id = ?", priority, id);
        return id;
    }

    UUID assignee(UUID conversation) {
        return fx.assignee(conversation);
    }

    boolean queued(UUID conversation) {
        return fx.queued(conversation);
    }

    long queueLength() {
        return fx.count("""
                SELECT count(*) FROM conversation_routing r JOIN conversations c ON c.id = r.conversation_id
                 WHERE c.assignee_team_id = ? AND r.queued_at IS NOT NULL""", team);
    }

    /** Open conversations per agent of the team (those with none are absent). */
    Map<UUID, Long> loads() {
        return fx.list("""
                SELECT assignee_user_id::text AS who FROM conversations
                 WHERE organization_id = ? AND assignee_user_id IS NOT NULL AND status IN ('new', 'active')""", org)
                .stream().collect(Collectors.groupingBy(UUID::fromString, Collectors.counting()));
    }

    List<String> history(UUID conversation) {
        return fx.list("SELECT trigger || ':' || outcome FROM assignment_decisions WHERE conversation_id = ?"
                + " ORDER BY decided_at, id", conversation);
    }

    void resolve(UUID conversation) {
        fx.exec("UPDATE conversations SET status = 'resolved' WHERE id = ?", conversation);
    }
}
