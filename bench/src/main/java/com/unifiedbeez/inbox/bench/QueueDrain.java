package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.assignment.ConversationRouter;
import com.unifiedbeez.inbox.assignment.Decision;
import com.unifiedbeez.inbox.assignment.Outcome;
import com.unifiedbeez.inbox.assignment.Trigger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Part I2: {@value AssignmentOrg#QUEUED} conversations wait in a team's queue (queued through the
 * router while its agents are offline); the {@value AssignmentOrg#DRAIN_AGENTS} agents come online and
 * {@code ConversationRouter.drain} is timed. Before every repetition, drain or floor, the queue is
 * restored as the router left it (agents offline and without the conversations, routing rows queued
 * since their first queueing, the drain's decisions and events deleted, the rotation cleared), from a
 * copy of the routing rows in a temporary table of the bench's connection.
 */
final class QueueDrain {
    private static final UUID ORG = AssignmentOrg.ORGANIZATION;

    private QueueDrain() {
    }

    /** One warm-up repetition, then {@code repetitions}, each a drain and then its floor. */
    static AssignmentBench.Drain run(ConversationRouter router, Connection c, int repetitions) throws SQLException {
        List<UUID> queue = AssignmentOrg.queued();
        long t0 = System.nanoTime();
        for (UUID id : queue) {
            Decision d = router.route(ORG, id, Ask.system(Trigger.ARRIVAL)).orElseThrow();
            if (d.outcome() != Outcome.QUEUED) {
                throw new IllegalStateException("with its agents offline, " + id + " was " + d.outcome());
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_i_queue");
            s.execute("CREATE TEMPORARY TABLE bench_i_queue AS SELECT conversation_id, queued_at FROM conversation_routing"
                    + " WHERE organization_id = '" + ORG + "' AND queued_at IS NOT NULL");
        }
        // The floor assigns in the queue's order, agent by agent in turn: 100 each.
        List<UUID> order = new ArrayList<>();
        try (Statement s = c.createStatement();
             var r = s.executeQuery("SELECT conversation_id FROM bench_i_queue ORDER BY queued_at, conversation_id")) {
            while (r.next()) {
                order.add(r.getObject(1, UUID.class));
            }
        }
        if (order.size() != AssignmentOrg.QUEUED) {
            throw new IllegalStateException(order.size() + " conversations queued, not " + AssignmentOrg.QUEUED);
        }
        System.out.printf(Locale.ROOT, "  I2 %,d conversations queued through the router in %.1f s; %d repetitions"
                + " after one of warm-up, drain then floor%n", queue.size(), (System.nanoTime() - t0) / 1e9, repetitions);
        double[] drains = new double[repetitions];
        double[] floors = new double[repetitions];
        for (int rep = -1; rep < repetitions; rep++) {
            restore(c);
            online(c);
            long a = System.nanoTime();
            int assigned = router.drain(ORG, List.of(AssignmentOrg.DRAIN_TEAM));
            double drain = (System.nanoTime() - a) / 1e9;
            String check = check(c);
            if (assigned != AssignmentOrg.QUEUED || check != null) {
                throw new IllegalStateException("the drain assigned " + assigned + ": " + check);
            }
            restore(c);
            a = System.nanoTime();
            bare(c, order);
            double floor = (System.nanoTime() - a) / 1e9;
            check = check(c);
            if (check != null) {
                throw new IllegalStateException("the floor: " + check);
            }
            if (rep >= 0) {
                drains[rep] = drain;
                floors[rep] = floor;
            }
            System.out.printf(Locale.ROOT, "  I2     %s drain %.3f s (%,.0f conversations/s); floor %.3f s%n",
                    rep < 0 ? "warm-up" : "rep " + (rep + 1), drain, AssignmentOrg.QUEUED / drain, floor);
        }
        restore(c);
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE bench_i_queue");
        }
        return new AssignmentBench.Drain(drains, floors, "load_balanced", String.format(Locale.ROOT,
                "every repetition (drain and floor) left all %,d assigned, %d to each of the %d agents, none queued",
                AssignmentOrg.QUEUED, AssignmentOrg.DRAIN_CAPACITY, AssignmentOrg.DRAIN_AGENTS));
    }

    /** The queue as the router left it, the agents offline. */
    private static void restore(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try {
            AssignmentOrg.exec(c, "UPDATE users SET status = 'offline' WHERE organization_id = ? AND id = ANY(?)", ORG,
                    c.createArrayOf("uuid", AssignmentOrg.drainAgents().toArray()));
            AssignmentOrg.exec(c, """
                    UPDATE conversations SET assignee_user_id = NULL
                     WHERE organization_id = ? AND assignee_team_id = ? AND assignee_user_id IS NOT NULL""",
                    ORG, AssignmentOrg.DRAIN_TEAM);
            AssignmentOrg.exec(c, """
                    UPDATE conversation_routing r
                       SET queued_at = q.queued_at, preferred_user_id = NULL, assigned_at = NULL, touch_due_at = NULL,
                           touch_reassignments = 0
                      FROM bench_i_queue q WHERE r.conversation_id = q.conversation_id""");
            AssignmentOrg.exec(c, "DELETE FROM assignment_decisions WHERE organization_id = ? AND trigger = 'drain'", ORG);
            AssignmentOrg.exec(c, "DELETE FROM domain_events WHERE organization_id = ? AND name = 'conversation:assigned'",
                    ORG);
            AssignmentOrg.exec(c, "UPDATE team_members SET last_assigned_at = NULL WHERE team_id = ?",
                    AssignmentOrg.DRAIN_TEAM);
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** The agents come online (as presence writes users.status). */
    private static void online(Connection c) throws SQLException {
        AssignmentOrg.exec(c, "UPDATE users SET status = 'online' WHERE organization_id = ? AND id = ANY(?)", ORG,
                c.createArrayOf("uuid", AssignmentOrg.drainAgents().toArray()));
    }

    /** The floor: the same assignments bare, 100 per transaction, one UPDATE of each table per conversation. */
    private static void bare(Connection c, List<UUID> order) throws SQLException {
        List<UUID> agents = AssignmentOrg.drainAgents();
        c.setAutoCommit(false);
        try (PreparedStatement agent = c.prepareStatement("UPDATE conversations SET assignee_user_id = ? WHERE id = ?");
             PreparedStatement routing = c.prepareStatement(
                     "UPDATE conversation_routing SET queued_at = NULL, assigned_at = now() WHERE conversation_id = ?")) {
            for (int i = 0; i < order.size(); i++) {
                agent.setObject(1, agents.get(i % agents.size()));
                agent.setObject(2, order.get(i));
                agent.executeUpdate();
                routing.setObject(1, order.get(i));
                routing.executeUpdate();
                if ((i + 1) % 100 == 0 || i == order.size() - 1) {
                    c.commit();
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** Null when all are assigned, 100 to each agent, none queued; else what is wrong. */
    private static String check(Connection c) throws SQLException {
        List<Long> perAgent = AssignmentOrg.longs(c, """
                SELECT count(*) FROM conversations
                 WHERE organization_id = ? AND assignee_team_id = ? AND assignee_user_id IS NOT NULL
                 GROUP BY assignee_user_id ORDER BY 1""", ORG, AssignmentOrg.DRAIN_TEAM);
        long queued = AssignmentOrg.longs(c, "SELECT count(*) FROM conversation_routing r JOIN bench_i_queue q"
                + " ON q.conversation_id = r.conversation_id WHERE r.queued_at IS NOT NULL").get(0);
        boolean even = perAgent.size() == AssignmentOrg.DRAIN_AGENTS
                && perAgent.stream().allMatch(n -> n == AssignmentOrg.DRAIN_CAPACITY);
        return even && queued == 0 ? null : "assigned per agent " + perAgent + ", still queued " + queued;
    }
}
