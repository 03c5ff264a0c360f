package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.assignment.AssignmentStore;
import com.unifiedbeez.inbox.assignment.AssignmentStrategy;
import com.unifiedbeez.inbox.assignment.AutoAssigner;
import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.assignment.ConversationRouter;
import com.unifiedbeez.inbox.assignment.Decision;
import com.unifiedbeez.inbox.assignment.Outcome;
import com.unifiedbeez.inbox.assignment.RoutingStore;
import com.unifiedbeez.inbox.assignment.Trigger;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DataSources;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.settings.AutoAssignment;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Part I: assignment, in-process on the part A database. I1 and I2 run on {@link AssignmentOrg}'s
 * organization, I3 ({@link TeamInboxBench}) on part A's big organization.
 *
 * <p>I1, one automatic decision: {@code ConversationRouter.route(org, id, Ask.system(ARRIVAL))} for a
 * fresh unassigned conversation of the 200-agent team, in its own transaction (the organization's
 * assignment lock, the team's settings, the candidates with their loads, the conversation, the
 * assignment, the rotation, the routing row, the decision and its event). Between samples, untimed,
 * the decision is undone (agent, routing row, decision, event), so every agent keeps its 200 open
 * conversations; the rotation is left to advance. Floor: {@link AssignmentStore#MEMBERS} as the store
 * runs it (recorded), replayed on a plain connection, results read to the end. Two phases: the rows
 * as written (analyzed, not vacuumed: their pages not all-visible, so the load count fetches the heap),
 * then after VACUUM ANALYZE.
 *
 * <p>I2, a queue drain: 1,000 conversations queued through the router while the team's 10 agents are
 * offline; the agents come online (untimed) and {@code ConversationRouter.drain} is timed. Floor: the
 * same 1,000 assignments as bare UPDATEs (the conversation's agent, its routing row out of the queue),
 * 100 per transaction. Repetitions alternate drain and floor, the queue restored before each.
 *
 * <p>Realtime is off (a no-op nudge): G3 measures the nudge. The organization is deleted afterwards.
 */
final class AssignmentBench {
    static final double DECISION_TARGET_MS = 20;
    static final Floor.Target DECISION_FLOOR = Floor.Target.atMost(2);
    static final List<AssignmentStrategy> STRATEGIES = List.of(AssignmentStrategy.LOAD_BALANCED,
            AssignmentStrategy.ROUND_ROBIN);

    /** One I1 row: a strategy in a phase, beside the candidate query's floor in that phase. */
    record DecisionRow(String strategy, String phase, Stats decision, Stats bare, long heapFetches,
                       double othersCpuPercent) {
        Floor floor() {
            return new Floor("p99 ms", decision.p99(), bare.p99(), DECISION_FLOOR);
        }

        boolean met() {
            return decision.p99() < DECISION_TARGET_MS && floor().met();
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("strategy", strategy);
            m.put("phase", phase);
            m.putAll(decision.toMap());
            Map<String, Object> f = new LinkedHashMap<>(floor().toMap());
            f.put("floorStats", bare.toMap());
            f.put("timesFloorP50", Stats.round(decision.p50() / bare.p50()));
            m.put("floor", f);
            m.put("candidateQueryHeapFetches", heapFetches);
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("targetP99Ms", DECISION_TARGET_MS);
            m.put("metTarget", met());
            return m;
        }
    }

    /** I2: seconds per drain of the 1,000 (and the floor's), over the repetitions. */
    record Drain(double[] seconds, double[] floorSeconds, String strategy, String check) {
        double median() {
            return Stats.median(seconds);
        }

        double floorMedian() {
            return Stats.median(floorSeconds);
        }

        Floor floor() {
            return new Floor("seconds (median)", median(), floorMedian(), null);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("queued", AssignmentOrg.QUEUED);
            m.put("agents", AssignmentOrg.DRAIN_AGENTS);
            m.put("capacity", AssignmentOrg.DRAIN_CAPACITY);
            m.put("strategy", strategy);
            m.put("repetitions", seconds.length);
            m.put("medianSeconds", round3(median()));
            m.put("conversationsPerSecond", Math.round(AssignmentOrg.QUEUED / median()));
            m.put("seconds", Arrays.stream(seconds).map(AssignmentBench::round3).toArray());
            Map<String, Object> f = new LinkedHashMap<>(floor().toMap());
            f.put("measured", round3(median()));
            f.put("floor", round3(floorMedian()));
            f.put("seconds", Arrays.stream(floorSeconds).map(AssignmentBench::round3).toArray());
            f.put("conversationsPerSecond", Math.round(AssignmentOrg.QUEUED / floorMedian()));
            m.put("floor", f);
            m.put("check", check);
            return m;
        }
    }

    record Result(List<DecisionRow> decisions, List<String> floorStatements, int warmup, int samples, Drain drain,
                  String drainError, TeamInboxBench.Result inbox, String inboxError) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            Map<String, Object> i1 = new LinkedHashMap<>();
            i1.put("call", "ConversationRouter.route(organization, conversation, Ask.system(ARRIVAL))");
            i1.put("agents", AssignmentOrg.AGENTS);
            i1.put("conversations", AssignmentOrg.CONVERSATIONS);
            i1.put("openPerAgent", AssignmentOrg.CONVERSATIONS * 4 / 10 / AssignmentOrg.AGENTS);
            i1.put("warmup", warmup);
            i1.put("floorStatements", floorStatements);
            i1.put("rows", decisions.stream().map(DecisionRow::toMap).toList());
            m.put("decision", i1);
            m.put("drain", drain != null ? drain.toMap() : Map.of("error", drainError));
            m.put("teamInbox", inbox != null ? inbox.toMap() : Map.of("error", inboxError));
            return m;
        }

        String markdown() {
            StringBuilder s = new StringBuilder("## I. Assignment\n\n### I1. One automatic assignment decision\n\n");
            s.append(String.format(Locale.ROOT, "An organization of its own (`%s`) in the part A database: one team of %d"
                    + " agents, all online, capacity %d each, and %,d conversations spread evenly over them (%d open ones"
                    + " each, new or active; the rest resolved or closed). `ConversationRouter.route(org, id,"
                    + " Ask.system(ARRIVAL))` on a fresh unassigned new conversation of the team, in-process (HikariCP"
                    + " pool of 2), one thread, %d decisions of warm-up then %d measured; each one assigns and is undone"
                    + " untimed (agent, routing row, decision, event), so the loads do not drift; the rotation advances."
                    + " Realtime off. *Floor* = the candidate query `AssignmentStore.MEMBERS` as the store runs it"
                    + " (recorded), replayed on a plain JDBC connection, results read to the end: `%s`. *as written* ="
                    + " the rows analyzed but not vacuumed (autovacuum held off), their pages not all-visible;"
                    + " *vacuumed* = after `VACUUM ANALYZE` of the tables part I writes. *heap fetches* = the"
                    + " candidate query's, from its plan (EXPLAIN ANALYZE).%n%n", AssignmentOrg.NAME, AssignmentOrg.AGENTS,
                    AssignmentOrg.CAPACITY, AssignmentOrg.CONVERSATIONS,
                    AssignmentOrg.CONVERSATIONS * 4 / 10 / AssignmentOrg.AGENTS, warmup, samples,
                    String.join("`; `", floorStatements)));
            s.append("| strategy | data | p50 ms | p90 ms | p99 ms | max ms | n | heap fetches | others' CPU | floor p50 ms"
                    + " | floor p99 ms | × floor (p50) | × floor (p99) | target | | target p99 ms | |\n"
                    + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|\n");
            for (DecisionRow r : decisions) {
                Floor f = r.floor();
                s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %,d | %s | %s | %s | %s | %s | %s"
                                + " | %s | < %.0f | %s |%n", r.strategy(), r.phase(), Stats.fmt(r.decision().p50()),
                        Stats.fmt(r.decision().p90()), Stats.fmt(r.decision().p99()), Stats.fmt(r.decision().max()),
                        r.decision().count(), r.heapFetches(), CpuMeter.percent(r.othersCpuPercent()), Stats.fmt(r.bare().p50()),
                        Stats.fmt(r.bare().p99()), Floor.times(r.decision().p50() / r.bare().p50()), f.ratioCell(),
                        f.targetCell(), f.verdictCell(), DECISION_TARGET_MS,
                        r.decision().p99() < DECISION_TARGET_MS ? "met" : "**missed**"));
            }
            s.append("\n### I2. Draining a queue of 1,000\n\n");
            if (drain == null) {
                s.append("Not measured: ").append(drainError).append("\n\n");
            } else {
                Floor f = drain.floor();
                s.append(String.format(Locale.ROOT, "A second team of the organization: %d agents, offline, capacity %d"
                                + " each (%s); %,d new conversations queued through the router (each decision: nobody"
                                + " available). The agents come online (untimed), then `ConversationRouter.drain(org,"
                                + " List.of(team))` is timed: batches of 100 decisions per transaction under the"
                                + " organization's lock. *Floor* = the same %,d assignments bare over plain JDBC, 100 per"
                                + " transaction: `UPDATE conversations SET assignee_user_id = ? WHERE id = ?` and `UPDATE"
                                + " conversation_routing SET queued_at = NULL, assigned_at = now() WHERE conversation_id"
                                + " = ?` each. %d repetitions after one of warm-up, drain and floor alternating, the queue"
                                + " restored before each. Check: %s.%n%n", AssignmentOrg.DRAIN_AGENTS,
                        AssignmentOrg.DRAIN_CAPACITY, drain.strategy().replace('_', ' '), AssignmentOrg.QUEUED,
                        AssignmentOrg.QUEUED, drain.seconds().length, drain.check()));
                s.append("| | drain | floor | × floor |\n|---|---:|---:|---:|\n");
                s.append(String.format(Locale.ROOT, "| seconds, median (min–max) | %.3f (%.3f–%.3f) | %.3f (%.3f–%.3f) |"
                                + " %s |%n", drain.median(), min(drain.seconds()), max(drain.seconds()), drain.floorMedian(),
                        min(drain.floorSeconds()), max(drain.floorSeconds()), f.ratioCell()));
                s.append(String.format(Locale.ROOT, "| conversations/s (median) | %,.0f | %,.0f | |%n%n",
                        AssignmentOrg.QUEUED / drain.median(), AssignmentOrg.QUEUED / drain.floorMedian()));
            }
            s.append("### I3. The team inbox\n\n");
            s.append(inbox != null ? inbox.markdown() : "Not measured: " + inboxError + "\n\n");
            return s.toString();
        }
    }

    private AssignmentBench() {
    }

    /** I1, I2 on the organization of part I (deleted afterwards), then I3. */
    static Result run(BenchDatabase db, Workload workload, boolean quick, Measure.Settings settings, Path home)
            throws Exception {
        DataSource admin = db.dataSource();
        if (AssignmentOrg.cleanup(admin)) {
            System.out.println("  an earlier run left part I's organization behind: deleted");
        }
        int warmup = quick ? 50 : 500;
        int samples = quick ? 300 : 3000;
        Config config = Config.of(Map.of(Config.DB_URL, db.plainJdbcUrl(), Config.DB_USER, "postgres",
                Config.DB_PASSWORD, "postgres"));
        List<DecisionRow> rows = new ArrayList<>();
        List<String> statements;
        Drain drain = null;
        String drainError = null;
        try {
            long t0 = System.nanoTime();
            AssignmentOrg.setUp(admin, STRATEGIES.get(0).wireName());
            System.out.printf(Locale.ROOT, "  I1 organization written in %.1f s (%d agents, %,d conversations)%n",
                    (System.nanoTime() - t0) / 1e9, AssignmentOrg.AGENTS, AssignmentOrg.CONVERSATIONS);
            JdbcScript members = recordMembers(db.plainJdbcUrl());
            statements = members.statements();
            try (HikariDataSource pool = DataSources.create(config);
                 Connection plain = JdbcScript.plainConnection(db.plainJdbcUrl())) {
                ConversationRouter router = router(new Database(pool));
                for (String phase : List.of("as written", "vacuumed")) {
                    if (phase.equals("vacuumed")) {
                        long v = System.nanoTime();
                        AssignmentOrg.vacuum(admin);
                        System.out.printf(Locale.ROOT, "  I1 VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - v) / 1e9);
                    }
                    long fetches = AssignmentOrg.heapFetches(admin, AssignmentStore.MEMBERS);
                    List<Stats> measured = new ArrayList<>();
                    List<Double> others = new ArrayList<>();
                    for (AssignmentStrategy strategy : STRATEGIES) {
                        try (Connection c = admin.getConnection()) {
                            AssignmentOrg.autoAssignment(c, AssignmentOrg.TEAM, strategy.wireName(),
                                    AssignmentOrg.CAPACITY, false);
                        }
                        CpuMeter meter = new CpuMeter(home.resolve("postgres"));
                        CpuMeter.Snapshot before = meter.snapshot();
                        measured.add(decisions(router, plain, warmup, samples));
                        others.add(CpuMeter.othersPercent(before, meter.snapshot()));
                    }
                    Stats bare = members.timedReplays(plain, warmup, samples);
                    for (int i = 0; i < STRATEGIES.size(); i++) {
                        DecisionRow r = new DecisionRow(STRATEGIES.get(i).wireName(), phase, measured.get(i), bare, fetches,
                                others.get(i));
                        rows.add(r);
                        System.out.printf(Locale.ROOT, "  I1     %-13s %-10s p50 %6s  p90 %6s  p99 %6s  max %6s ms"
                                        + "  n=%d; floor p50 %s p99 %s ms (%s); heap fetches %,d; others %.0f%% CPU%n",
                                r.strategy(), phase, Stats.fmt(r.decision().p50()), Stats.fmt(r.decision().p90()),
                                Stats.fmt(r.decision().p99()), Stats.fmt(r.decision().max()), r.decision().count(),
                                Stats.fmt(bare.p50()), Stats.fmt(bare.p99()), r.floor().ratioCell(), fetches,
                                r.othersCpuPercent());
                    }
                }
                try {
                    drain = QueueDrain.run(router, plain, quick ? 2 : 7);
                } catch (Exception | LinkageError e) {
                    System.out.println("  I2 failed: " + e);
                    e.printStackTrace(System.out);
                    drainError = e.toString();
                }
            }
        } finally {
            long t0 = System.nanoTime();
            AssignmentOrg.cleanup(admin);
            System.out.printf(Locale.ROOT, "  part I's organization deleted, its tables vacuumed and reindexed in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
        }
        TeamInboxBench.Result inbox = null;
        String inboxError = null;
        System.out.println("== I3. team inbox: GET /api/inbox/team/{teamId} through TeamHandler in-process");
        try {
            inbox = TeamInboxBench.run(db, workload, settings, home);
        } catch (Exception | LinkageError e) {
            System.out.println("  I3 failed: " + e);
            e.printStackTrace(System.out);
            inboxError = e.toString();
        }
        return new Result(rows, statements, warmup, samples, drain, drainError, inbox, inboxError);
    }

    /** The assignment classes wired by hand, as shared's tests wire them (AssignmentWiring); realtime off. */
    static ConversationRouter router(Database database) {
        DomainEvents events = new DomainEvents(database, organizationId -> { });
        AssignmentStore store = new AssignmentStore();
        RoutingStore routing = new RoutingStore(events);
        AutoAssigner assigner = new AutoAssigner(store, routing, new ConversationStore(events),
                new SettingsResolver(new SettingsStore(events)), Clock.systemUTC());
        return new ConversationRouter(database, store, routing, assigner);
    }

    /** The candidate query as {@code AssignmentStore.members} runs it, recorded for the floor. */
    private static JdbcScript recordMembers(String jdbcUrl) throws Exception {
        AutoAssignment settings = new AutoAssignment(true, AssignmentStrategy.LOAD_BALANCED, AssignmentOrg.CAPACITY, true,
                null, null, 3, null);
        AssignmentStore store = new AssignmentStore();
        try (Connection c = JdbcScript.plainConnection(JdbcScript.recordingUrl(jdbcUrl))) {
            JdbcScript.Recorded<Integer> last = JdbcScript.record(() ->
                    store.members(c, AssignmentOrg.ORGANIZATION, AssignmentOrg.TEAM, settings).size());
            if (last.value() != AssignmentOrg.AGENTS) {
                throw new IllegalStateException("the candidate query found " + last.value() + " members, not "
                        + AssignmentOrg.AGENTS);
            }
            return last.script().keep(sql -> sql.equals(AssignmentStore.MEMBERS));
        }
    }

    /**
     * Warm-up, then {@code samples} timed decisions, each on the next fresh conversation and undone
     * after (untimed) on {@code undo} (its own transaction).
     */
    private static Stats decisions(ConversationRouter router, Connection undo, int warmup, int samples)
            throws SQLException {
        List<UUID> fresh = AssignmentOrg.fresh();
        undo.setAutoCommit(false);
        try (PreparedStatement agent = undo.prepareStatement(
                "UPDATE conversations SET assignee_user_id = NULL WHERE organization_id = ? AND id = ?");
             PreparedStatement routing = undo.prepareStatement("DELETE FROM conversation_routing WHERE conversation_id = ?");
             PreparedStatement decision = undo.prepareStatement(
                     "DELETE FROM assignment_decisions WHERE conversation_id = ?");
             PreparedStatement event = undo.prepareStatement(
                     "DELETE FROM domain_events WHERE organization_id = ? AND conversation_id = ?")) {
            long[] took = new long[samples];
            for (int i = 0; i < warmup + samples; i++) {
                UUID id = fresh.get(i % fresh.size());
                long a = System.nanoTime();
                Decision d = router.route(AssignmentOrg.ORGANIZATION, id, Ask.system(Trigger.ARRIVAL)).orElse(null);
                long b = System.nanoTime();
                if (d == null || d.outcome() != Outcome.ASSIGNED || d.toUserId() == null) {
                    throw new IllegalStateException("decision " + i + " did not assign: " + d);
                }
                if (i >= warmup) {
                    took[i - warmup] = b - a;
                }
                agent.setObject(1, AssignmentOrg.ORGANIZATION);
                agent.setObject(2, id);
                agent.executeUpdate();
                for (PreparedStatement s : List.of(routing, decision)) {
                    s.setObject(1, id);
                    s.executeUpdate();
                }
                event.setObject(1, AssignmentOrg.ORGANIZATION);
                event.setObject(2, id);
                event.executeUpdate();
                undo.commit();
            }
            return Stats.of(took, samples);
        } finally {
            undo.setAutoCommit(true);
        }
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
