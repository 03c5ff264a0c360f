package com.unifiedbeez.inbox.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The JDBC calls a handler makes for one request, as it makes them: recorded through a wrapping
 * driver ({@link #recordingUrl}) by a handler built only for that (never the measured one), and
 * replayed on a plain connection. A request's floor is then its own statements, with its own
 * parameters and statement settings, in its own transactions, with nothing of the function around
 * them, and no copy of the SQL in the bench to drift from the repositories.
 *
 * <p>Recorded: {@code prepareStatement}/{@code createStatement}; every setter called on a statement
 * (parameters, and settings such as PGStatement's prepare threshold, through {@code unwrap});
 * executions; closes; and the connection's transaction calls. Calls are recorded on the thread
 * inside {@link #record}; others pass through.
 */
final class JdbcScript {
    private static final String PREFIX = "jdbc:bench-recording:";
    private static final ThreadLocal<Recording> RECORDING = new ThreadLocal<>();
    private static final Set<String> EXECUTIONS = Set.of("executeQuery", "executeUpdate", "execute", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");
    private static final Set<String> TRANSACTION = Set.of("setAutoCommit", "commit", "rollback", "setReadOnly",
            "setTransactionIsolation");

    static {
        try {
            DriverManager.registerDriver(new RecordingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One JDBC call; {@code statement} numbers the statements of the script. */
    sealed interface Step {
    }

    /** {@code Connection.prepareStatement(...)} or {@code createStatement(...)}. */
    record Open(int statement, Method method, Object[] args) implements Step {
    }

    /** A setter on the statement, or on what it unwraps to ({@code target}). */
    record Setter(int statement, Class<?> target, Method method, Object[] args) implements Step {
    }

    record Execute(int statement, Method method, Object[] args) implements Step {
    }

    record Close(int statement) implements Step {
    }

    /** setAutoCommit, commit, rollback, ... on the connection. */
    record Transaction(Method method, Object[] args) implements Step {
    }

    private final List<Step> steps;

    private JdbcScript(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /** The URL that makes a pool hand out recording connections to {@code jdbcUrl}'s database. */
    static String recordingUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + jdbcUrl);
        }
        return PREFIX + jdbcUrl.substring("jdbc:".length());
    }

    /** A plain connection to the database, with the driver properties the functions' pool sets. */
    static Connection plainConnection(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "postgres");
        p.setProperty("reWriteBatchedInserts", "true"); // DataSources.create sets it
        p.setProperty("ApplicationName", "bench-floor");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** What {@code call} returned, and the JDBC calls this thread made meanwhile. */
    record Recorded<T>(T value, JdbcScript script) {
    }

    static <T> Recorded<T> record(Callable<T> call) throws Exception {
        Recording recording = new Recording();
        RECORDING.set(recording);
        try {
            T value = call.call();
            return new Recorded<>(value, new JdbcScript(recording.steps));
        } finally {
            RECORDING.remove();
        }
    }

    /**
     * Only the statements whose SQL {@code keep} accepts (with their setters, executions and closes),
     * and the transaction calls.
     */
    JdbcScript keep(Predicate<String> keep) {
        Map<Integer, Boolean> kept = new HashMap<>();
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Open o) {
                kept.put(o.statement(), o.args().length > 0 && o.args()[0] instanceof String sql && keep.test(sql));
            }
            int statement = statementOf(step);
            if (statement < 0 || kept.getOrDefault(statement, false)) {
                out.add(step);
            }
        }
        return new JdbcScript(out);
    }

    /** The same calls with every argument equal to a key of {@code values} replaced by its value. */
    JdbcScript with(Map<?, ?> values) {
        List<Step> out = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Setter s) {
                out.add(new Setter(s.statement(), s.target(), s.method(), replace(s.args(), values)));
            } else if (step instanceof Execute e) {
                out.add(new Execute(e.statement(), e.method(), replace(e.args(), values)));
            } else {
                out.add(step);
            }
        }
        return new JdbcScript(out);
    }

    /** The statements' SQL, in the order they were opened (distinct). */
    List<String> statements() {
        Set<String> sql = new LinkedHashSet<>();
        for (Step step : steps) {
            if (step instanceof Open o && o.args().length > 0 && o.args()[0] instanceof String s) {
                sql.add(s.strip().replaceAll("\\s+", " "));
            } else if (step instanceof Execute e && e.args() != null && e.args().length > 0
                    && e.args()[0] instanceof String s) {
                sql.add(s.strip().replaceAll("\\s+", " "));
            }
        }
        return List.copyOf(sql);
    }

    List<Step> steps() {
        return steps;
    }

    /** How many statements the script executes. */
    int executions() {
        return (int) steps.stream().filter(s -> s instanceof Execute).count();
    }

    /** The floor of a figure: {@code warmup} replays on {@code c}, then {@code samples} timed one by one. */
    Stats timedReplays(Connection c, int warmup, int samples) throws SQLException {
        for (int i = 0; i < warmup; i++) {
            replay(c);
        }
        long[] took = new long[samples];
        for (int i = 0; i < samples; i++) {
            long a = System.nanoTime();
            replay(c);
            took[i] = System.nanoTime() - a;
        }
        return Stats.of(took, samples);
    }

    /** Makes the same calls on {@code c}; results are read to the end, every column of every row as text. */
    void replay(Connection c) throws SQLException {
        Map<Integer, Statement> open = new HashMap<>();
        try {
            for (Step step : steps) {
                if (step instanceof Open o) {
                    open.put(o.statement(), (Statement) invoke(o.method(), c, o.args()));
                } else if (step instanceof Setter s) {
                    Statement st = open.get(s.statement());
                    invoke(s.method(), s.target().isInstance(st) ? st : st.unwrap(s.target()), s.args());
                } else if (step instanceof Execute e) {
                    Statement st = open.get(e.statement());
                    Object result = invoke(e.method(), st, e.args());
                    if (result instanceof ResultSet rs) {
                        drain(rs);
                    } else if (result instanceof Boolean b && b) {
                        drain(st.getResultSet());
                    }
                } else if (step instanceof Close cl) {
                    Statement st = open.remove(cl.statement());
                    if (st != null) {
                        st.close();
                    }
                } else if (step instanceof Transaction t) {
                    invoke(t.method(), c, t.args());
                }
            }
        } finally {
            for (Statement st : open.values()) {
                st.close();
            }
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getString(i);
                }
            }
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws SQLException {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int statementOf(Step step) {
        if (step instanceof Open o) {
            return o.statement();
        } else if (step instanceof Setter s) {
            return s.statement();
        } else if (step instanceof Execute e) {
            return e.statement();
        } else if (step instanceof Close c) {
            return c.statement();
        }
        return -1; // a transaction call
    }

    private static Object[] replace(Object[] args, Map<?, ?> values) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && values.containsKey(out[i])) {
                out[i] = values.get(out[i]);
            }
        }
        return out;
    }

    /**
     * The floor of read requests: each scenario's script, recorded from a handler on a recording
     * connection (its last of a few calls, so caches are warm as in the measured loop), replayed on
     * one plain connection. Measured by {@link Measure} like the handler.
     */
    static final class Bare implements Measure.Transport, AutoCloseable {
        private static final int CALLS = 3;
        private final Connection connection;
        private final Map<String, JdbcScript> scripts;

        private Bare(Connection connection, Map<String, JdbcScript> scripts) {
            this.connection = connection;
            this.scripts = scripts;
        }

        static Bare record(Measure.Transport recordingHandler, List<Workload.Scenario> scenarios, String jdbcUrl)
                throws Exception {
            Map<String, JdbcScript> scripts = new HashMap<>();
            for (Workload.Scenario s : scenarios) {
                Recorded<Measure.Answer> last = null;
                for (int i = 0; i < CALLS; i++) {
                    last = JdbcScript.record(() -> recordingHandler.call(s));
                }
                if (last.value().status() != 200 || last.script().executions() == 0) {
                    throw new IllegalStateException("recording " + s.id() + " for its floor: " + last.value().status()
                            + " with " + last.script().executions() + " statements; " + Measure.abbreviate(last.value().body()));
                }
                scripts.put(s.id(), last.script());
            }
            return new Bare(plainConnection(jdbcUrl), scripts);
        }

        JdbcScript script(String scenario) {
            return scripts.get(scenario);
        }

        @Override
        public Measure.Answer call(Workload.Scenario scenario) throws SQLException {
            scripts.get(scenario.id()).replay(connection);
            return new Measure.Answer(200, null);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** The steps of one {@link #record} call, numbered statements included. */
    private static final class Recording {
        final List<Step> steps = new ArrayList<>();
        int statements;
    }

    private static Recording recording() {
        return RECORDING.get();
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Accepts {@value #PREFIX}... URLs: the PostgreSQL driver's connection, wrapped. */
    private static final class RecordingDriver implements Driver {
        @Override
        public Connection connect(String url, Properties info) throws SQLException {
            if (!acceptsURL(url)) {
                return null;
            }
            Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
            return (Connection) Proxy.newProxyInstance(JdbcScript.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new ConnectionCalls(real));
        }

        @Override
        public boolean acceptsURL(String url) {
            return url != null && url.startsWith(PREFIX);
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
    }

    private record ConnectionCalls(Connection real) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Recording r = recording();
            String name = method.getName();
            if (r == null) {
                return forward(method, real, args);
            }
            Object[] a = args == null ? new Object[0] : args;
            if (TRANSACTION.contains(name)) {
                r.steps.add(new Transaction(method, a));
                return forward(method, real, args);
            }
            if (name.equals("prepareStatement") || name.equals("createStatement")) {
                Statement st = (Statement) forward(method, real, args);
                int n = ++r.statements;
                r.steps.add(new Open(n, method, a));
                Class<?> type = name.equals("prepareStatement") ? java.sql.PreparedStatement.class : Statement.class;
                return Proxy.newProxyInstance(JdbcScript.class.getClassLoader(), new Class<?>[] {type},
                        new StatementCalls(st, n, r, type));
            }
            return forward(method, real, args);
        }
    }

    private record StatementCalls(Object real, int statement, Recording recording, Class<?> target)
            implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            Object[] a = args == null ? new Object[0] : args;
            if (recording == recording()) {
                if (name.startsWith("set") || name.equals("addBatch") || name.startsWith("clear")) {
                    recording.steps.add(new Setter(statement, target, method, a));
                } else if (EXECUTIONS.contains(name)) {
                    recording.steps.add(new Execute(statement, method, a));
                } else if (name.equals("close")) {
                    recording.steps.add(new Close(statement));
                } else if (name.equals("unwrap") && a[0] instanceof Class<?> iface && iface.isInterface()
                        && !iface.isInstance(proxy)) {
                    // e.g. PGStatement, for setPrepareThreshold: its setters are part of the statement too
                    Object inner = forward(method, real, args);
                    return Proxy.newProxyInstance(JdbcScript.class.getClassLoader(), new Class<?>[] {iface},
                            new StatementCalls(inner, statement, recording, iface));
                }
            }
            return forward(method, real, args);
        }
    }
}
