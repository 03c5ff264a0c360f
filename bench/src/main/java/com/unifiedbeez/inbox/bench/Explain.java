package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.bench.Workload.Scenario;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Captures the plan PostgreSQL actually ran for a request, with the handler's own SQL and
 * parameters: auto_explain (ANALYZE, BUFFERS) is switched on for new sessions of the database, a
 * fresh handler (fresh pool, so fresh sessions) sends the request repeatedly — long enough for the
 * JDBC driver to switch to a server-side prepared statement and PostgreSQL to settle on its
 * generic or custom plan, as in the measured loop — and the logged plans are cut from the server log.
 */
final class Explain {
    private static final int CALLS = 12;
    private static final double MAX_SECONDS = 40;

    private Explain() {
    }

    /** A handler to capture with, and how to close it (its pool). */
    interface Session extends AutoCloseable {
        Measure.Transport transport();

        @Override
        void close();
    }

    /** The conversations handler's page query (the one that reads conversations). */
    static final String CONVERSATIONS_PAGE = "FROM conversations c";

    static String capture(DataSource admin, Path serverLog, Scenario scenario, Supplier<Session> sessions)
            throws Exception {
        return capture(admin, serverLog, scenario, sessions, CONVERSATIONS_PAGE);
    }

    /**
     * As {@link #capture(DataSource, Path, Scenario, Supplier)}, keeping the logged plans whose query
     * text contains {@code marker} (the statement of interest, not the lookups around it).
     */
    static String capture(DataSource admin, Path serverLog, Scenario scenario, Supplier<Session> sessions,
                          String marker) throws Exception {
        set(admin, true);
        try (Session session = sessions.get()) {
            long offset = Files.exists(serverLog) ? Files.size(serverLog) : 0;
            long end = System.nanoTime() + (long) (MAX_SECONDS * 1e9);
            int calls = 0;
            while (calls < CALLS && System.nanoTime() < end) {
                session.transport().call(scenario);
                calls++;
            }
            Thread.sleep(500); // the logging collector writes asynchronously
            List<String> plans = plans(read(serverLog, offset), marker);
            if (plans.isEmpty()) {
                return "(no plan captured: auto_explain logged nothing for this request)\n";
            }
            StringBuilder out = new StringBuilder();
            out.append("-- calls made with auto_explain on: ").append(calls).append(" (plans logged: ")
                    .append(plans.size()).append(")\n");
            out.append("-- FIRST execution (the driver's unnamed statement):\n").append(plans.get(0)).append('\n');
            if (plans.size() > 1) {
                out.append("\n-- LAST execution (as in the measured loop, after the driver switched to a named server-side"
                        + " prepared statement; a $n in an Index Cond would mean PostgreSQL's generic plan):\n")
                        .append(plans.get(plans.size() - 1)).append('\n');
            }
            return out.toString();
        } finally {
            set(admin, false);
        }
    }

    private static void set(DataSource admin, boolean on) throws SQLException {
        String db = BenchDatabase.DATABASE;
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            if (on) {
                s.execute("ALTER DATABASE " + db + " SET session_preload_libraries = 'auto_explain'");
                s.execute("ALTER DATABASE " + db + " SET auto_explain.log_min_duration = 0");
                s.execute("ALTER DATABASE " + db + " SET auto_explain.log_analyze = on");
                s.execute("ALTER DATABASE " + db + " SET auto_explain.log_buffers = on");
                s.execute("ALTER DATABASE " + db + " SET auto_explain.log_timing = on");
                s.execute("ALTER DATABASE " + db + " SET auto_explain.log_verbose = off");
            } else {
                s.execute("ALTER DATABASE " + db + " RESET ALL");
            }
        }
    }

    private static String read(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length() - offset;
            byte[] bytes = new byte[(int) Math.max(0, length)];
            f.seek(offset);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** auto_explain entries: a "LOG:  duration: ... plan:" line and the tab-indented lines after it. */
    static List<String> plans(String log, String marker) {
        List<String> plans = new ArrayList<>();
        StringBuilder current = null;
        for (String line : log.split("\n", -1)) {
            if (line.contains("LOG:  duration:") && line.contains("plan:")) {
                if (current != null) {
                    plans.add(current.toString());
                }
                current = new StringBuilder(line.substring(line.indexOf("duration:"))).append('\n');
            } else if (current != null && line.startsWith("\t")) {
                current.append(line.substring(1)).append('\n');
            } else if (current != null) {
                plans.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            plans.add(current.toString());
        }
        // Only the statement of interest; not the odd lookup around it.
        plans.removeIf(p -> !p.contains(marker));
        return plans;
    }
}
