package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.bench.Workload.Scenario;
import com.unifiedbeez.inbox.message.MessageSearch;
import com.unifiedbeez.inbox.message.MessageSearchQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * When a message search misses its target: is PostgreSQL's generic plan the cause? The JDBC driver
 * prepares the handler's statement server-side after five uses, and PostgreSQL then runs it on its
 * generic plan once that plan's estimated cost (made with a default selectivity for
 * {@code search @@ $1}) is below the average cost of the custom plans seen so far. For this statement
 * the generic plan ANDs the GIN bitmap with a bitmap of all the organization's messages, slow for
 * every query. So the search statement (a copy of MessageSearch's, checked against the one
 * auto_explain logged for the handler) is run with JDBC as the handler runs it, once with the
 * default plan cache and once with custom plans forced, each in a fresh session, and its custom and
 * generic plans are written out with EXPLAIN (ANALYZE, BUFFERS).
 */
final class SearchPlans {
    /** MessageSearch.CANDIDATES: the organization's newest matches that are ranked. */
    private SearchPlans() {
    }

    /** MessageSearch's own statement, with or without the conversation filter. */
    static String statement(boolean conversation) {
        List<String> where = new ArrayList<>(List.of("m.organization_id = ?", "m.search @@ q.query", "m.deleted_at IS NULL"));
        if (conversation) {
            where.add("m.conversation_id = ?");
        }
        return MessageSearch.statement(where);
    }

    /** Whether the statement auto_explain logged for the handler (in {@code log}) is this copy. */
    static boolean isHandlers(String log) {
        String logged = log.replaceAll("\\$\\d+", "?").replaceAll("\\s+", "");
        return logged.contains(statement(false).replaceAll("\\s+", ""))
                || logged.contains(statement(true).replaceAll("\\s+", ""));
    }

    /** One way of running it: PostgreSQL's default plan cache, or custom plans forced. */
    record Variant(String key, String title, boolean customPlans) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("today", "as the handler runs it", false),
            new Variant("customPlans", "custom plans forced", true));

    /**
     * Each variant in a fresh session (the driver's prepared statements and PostgreSQL's plan cache
     * start empty, as on a new Lambda connection): the searches interleaved for a warm-up, as in the
     * measured loop, then each measured in turn. Plans: custom and generic, for {@code explained}.
     */
    static MessagesBench.PlanCheck measure(DataSource ds, UUID organization, List<Scenario> scenarios,
                                           List<Scenario> explained, boolean sqlIsHandlers, boolean quick)
            throws SQLException {
        List<Scenario> searches = scenarios.stream().filter(s -> s.path().equals(MessagesBench.SEARCH)).toList();
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (Scenario s : searches) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("request", s.display());
            rows.put(s.id(), row);
        }
        for (Variant v : VARIANTS) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("SET plan_cache_mode = " + (v.customPlans() ? "force_custom_plan" : "auto"));
                }
                long warmEnd = System.nanoTime() + (long) ((quick ? 1 : 4) * 1e9);
                for (int round = 0; round < 8 && (round < 2 || System.nanoTime() < warmEnd); round++) {
                    for (Scenario s : searches) {
                        run(c, s, organization);
                    }
                }
                for (Scenario s : searches) {
                    Stats t = time(c, s, organization, quick);
                    rows.get(s.id()).put(v.key(), t.toMap());
                    System.out.printf(Locale.ROOT, "  E      %-22s %-24s p50 %8s  p99 %8s ms%n", s.id(), v.title(),
                            Stats.fmt(t.p50()), Stats.fmt(t.p99()));
                }
            }
        }
        StringBuilder plans = new StringBuilder();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Scenario s : explained) {
                    plans.append(explain(c, s, organization, false)).append('\n')
                            .append(explain(c, s, organization, true)).append('\n');
                }
            } finally {
                c.rollback();
            }
        }
        return new MessagesBench.PlanCheck(statement(false), sqlIsHandlers, new ArrayList<>(rows.values()),
                plans.toString());
    }

    /** Repeated calls, bounded in calls and time. */
    private static Stats time(Connection c, Scenario s, UUID organization, boolean quick) throws SQLException {
        int max = quick ? 20 : 200;
        double seconds = quick ? 0.5 : 2.5;
        run(c, s, organization);
        long[] samples = new long[max];
        int n = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (n < max && (n < 5 || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            run(c, s, organization);
            samples[n++] = System.nanoTime() - t0;
        }
        return Stats.of(samples, n);
    }

    /**
     * One search as the handler makes it (Sql.list): prepare, bind, execute, read, close. Calls with the
     * same SQL share the driver's cached server-side statement, and with it PostgreSQL's plan cache.
     */
    private static void run(Connection c, Scenario s, UUID organization) throws SQLException {
        boolean conversation = s.query().containsKey("conversationId");
        try (PreparedStatement p = c.prepareStatement(statement(conversation))) {
            int i = 1;
            p.setString(i++, s.query().get("q"));
            p.setObject(i++, organization);
            if (conversation) {
                p.setObject(i++, UUID.fromString(s.query().get("conversationId")));
            }
            p.setInt(i++, MessageSearchQuery.DEFAULT_LIMIT + 1);
            p.setInt(i, 0);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    r.getString("id");
                }
            }
        }
    }

    /**
     * EXPLAIN (ANALYZE, BUFFERS) for one search: with the values written in (the custom plan), or
     * prepared and executed under plan_cache_mode = force_generic_plan (the generic plan).
     */
    private static String explain(Connection c, Scenario s, UUID organization, boolean generic) throws SQLException {
        boolean conversation = s.query().containsKey("conversationId");
        List<String> values = new ArrayList<>(List.of(literal(s.query().get("q")), literal(organization.toString())));
        List<String> types = new ArrayList<>(List.of("text", "uuid"));
        if (conversation) {
            values.add(literal(s.query().get("conversationId")));
            types.add("uuid");
        }
        values.add(Integer.toString(MessageSearchQuery.DEFAULT_LIMIT + 1));
        values.add("0");
        types.add("int");
        types.add("int");
        String sql = statement(conversation);
        StringBuilder filled = new StringBuilder();
        int v = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?' && v < values.size()) {
                filled.append(generic ? "$" + (v + 1) : values.get(v));
                v++;
            } else {
                filled.append(ch);
            }
        }
        StringBuilder out = new StringBuilder("-- ").append(s.id()).append(" (").append(s.display()).append("), ")
                .append(generic ? "GENERIC plan (what the handler's statement runs on once PostgreSQL switches to it):"
                        : "custom plan (planned with the values):").append('\n');
        try (Statement st = c.createStatement()) {
            String explain;
            if (generic) {
                st.execute("PREPARE bench_search(" + String.join(", ", types) + ") AS " + filled);
                st.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                explain = "EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_search(" + String.join(", ", values) + ")";
                out.append(explain).append(";\n");
            } else {
                explain = "EXPLAIN (ANALYZE, BUFFERS) " + filled;
                out.append("EXPLAIN (ANALYZE, BUFFERS) <the statement with ").append(String.join(", ", values))
                        .append(">;\n");
            }
            try (ResultSet r = st.executeQuery(explain)) {
                while (r.next()) {
                    out.append(r.getString(1)).append('\n');
                }
            } finally {
                if (generic) {
                    st.execute("DEALLOCATE bench_search");
                    st.execute("SET LOCAL plan_cache_mode = auto");
                }
            }
        }
        return out.toString();
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
