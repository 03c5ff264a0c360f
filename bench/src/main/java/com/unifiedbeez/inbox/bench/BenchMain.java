package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.unifiedbeez.inbox.bench.Workload.Scenario;
import com.unifiedbeez.inbox.functions.conversations.ConversationsHandler;
import com.unifiedbeez.inbox.functions.conversations.DaggerConversationsComponent;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Migrations;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The benchmark suite, run by bench/run: A generates (or reuses) the data set, B measures the
 * conversations handler in-process, D measures cold starts of the deployed jar, E measures the
 * messages handler in-process (sends through PostgreSQL and SQS, search, history), C measures the
 * conversations requests over HTTP through the local runtime, F the inbound path (webhook intake and
 * normalization in-process, then end to end through the local runtime), G realtime (push latency and
 * fan-out width through the local runtime, the writers with realtime on and off, replay of the event
 * log), H settings, I assignment (one automatic decision, a queue drain, the team inbox). Results go to
 * bench/results/.
 *
 * <pre>
 * options: --regenerate        generate the data set again even when a cached one exists
 *          --parts=ABCDEFGHI   which parts to run (A is implied: the data must exist)
 *          --quick             shorter measurement windows (a smoke run, figures less stable)
 *          --tiny              a tiny data set in its own folder (smoke test of the whole suite)
 *          --cold-runs=N       cold-start runs per variant (default 5)
 *          --results=DIR       where to write results (default bench/results; with --tiny bench/target/results-tiny)
 *          --hold=SECONDS      keep the bench database up after part A (to look at it with psql), then go on
 * </pre>
 */
public final class BenchMain {
    private static final long SEED = 20_261_124L;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.gateway", "warn"); // LocalInbox's per-request access log
        boolean regenerate = false;
        boolean quick = false;
        boolean tiny = false;
        String parts = "ABCDEFGHI";
        int coldRuns = 5;
        int hold = 0;
        Path root = Path.of("").toAbsolutePath();
        Path results = null;
        for (String arg : args) {
            if (arg.equals("--regenerate")) {
                regenerate = true;
            } else if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--tiny")) {
                tiny = true;
            } else if (arg.startsWith("--parts=")) {
                parts = arg.substring("--parts=".length()).toUpperCase(Locale.ROOT);
            } else if (arg.startsWith("--cold-runs=")) {
                coldRuns = Integer.parseInt(arg.substring("--cold-runs=".length()));
            } else if (arg.startsWith("--hold=")) {
                hold = Integer.parseInt(arg.substring("--hold=".length()));
            } else if (arg.startsWith("--results=")) {
                results = root.resolve(arg.substring("--results=".length()));
            } else {
                System.err.println("unknown option " + arg + " (see BenchMain's javadoc)");
                System.exit(2);
            }
        }
        if (!Files.isRegularFile(root.resolve("bench/pom.xml"))) {
            System.err.println("run from the repository root (bench/run does)");
            System.exit(2);
        }
        BenchData.Scale scale = tiny ? BenchData.Scale.TINY : BenchData.Scale.FULL;
        Path home = root.resolve(tiny ? "bench/target/bench-db-tiny" : "bench/target/bench-db");
        if (results == null) {
            results = root.resolve(tiny ? "bench/target/results-tiny" : "bench/results");
        }
        Files.createDirectories(results);
        Measure.Settings settings = quick
                ? new Measure.Settings(20, 0.5, 300, 2, 3)
                : new Measure.Settings(200, 1.5, 5000, 6, 5);
        Measure.Settings httpSettings = quick
                ? new Measure.Settings(20, 0.5, 300, 2, 3)
                : new Measure.Settings(200, 1.5, 5000, 5, 5);

        Report report = new Report(results, scale, quick, parts.replace("A", ""));
        long started = System.nanoTime();

        // ---- A: the data set --------------------------------------------------------------------
        Properties cached = readGeneration(home);
        boolean generate = regenerate || cached == null
                || !BenchDatabase.GENERATOR_VERSION.equals(cached.getProperty("version"))
                || !scale.toString().equals(cached.getProperty("scale"));
        System.out.println("== A. data set: " + scale.describe());
        Workload workload;
        Map<String, Long> matches = Map.of();
        try (BenchDatabase db = BenchDatabase.start(home, generate)) {
            Properties generation;
            if (generate) {
                System.out.println("  generating (a fresh PostgreSQL folder at " + root.relativize(home) + ")");
                BenchData.LoadReport load = BenchData.load(db.dataSource(), scale, SEED,
                        Instant.now().toEpochMilli() * 1000, true);
                generation = new Properties();
                generation.setProperty("version", BenchDatabase.GENERATOR_VERSION);
                generation.setProperty("scale", scale.toString());
                generation.setProperty("seed", Long.toString(SEED));
                generation.setProperty("generatedAt", Instant.now().toString());
                generation.setProperty("generateSeconds", fmt(load.generateSeconds()));
                generation.setProperty("copySeconds", fmt(load.copySeconds()));
                generation.setProperty("indexSeconds", fmt(load.indexSeconds()));
                generation.setProperty("vacuumAnalyzeSeconds", fmt(load.vacuumSeconds()));
                generation.setProperty("loadSeconds", fmt(load.totalSeconds()));
                load.rows().forEach((table, count) -> generation.setProperty("rows." + table, Long.toString(count)));
                db.recordGeneration(generation);
                System.out.printf(Locale.ROOT, "  loaded in %.1f s%n", load.totalSeconds());
            } else {
                generation = cached;
                System.out.println("  reusing the data generated at " + cached.getProperty("generatedAt")
                        + " (pass --regenerate to generate again)");
                // Migrations added since the data was generated apply to it as they would in production.
                int applied = Migrations.apply(db.dataSource()).migrationsExecuted;
                if (applied > 0) {
                    System.out.println("  applied " + applied + " new migration(s) to the cached data; ANALYZE");
                    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                        s.execute("ANALYZE");
                    }
                }
            }
            report.dataSet(generation, generate, databaseFacts(db.dataSource()));
            if (hold > 0) {
                System.out.println("  holding for " + hold + " s: psql -h localhost -p " + db.port()
                        + " -U postgres " + BenchDatabase.DATABASE + " (password postgres)");
                Thread.sleep(hold * 1000L);
            }
            workload = new Workload(db.dataSource());
            report.workload(workload);

            // ---- B: in-process latency ------------------------------------------------------------
            if (parts.contains("B")) {
                System.out.println("== B. in-process: ConversationsHandler.handleRequest on the generated database");
                report.partStarted("B");
                matches = workload.searchMatches(db.dataSource());
                Config config = Config.of(Map.of(Config.DB_URL, db.plainJdbcUrl(), Config.DB_USER, "postgres",
                        Config.DB_PASSWORD, "postgres"));
                List<Measure.Result> inProcess;
                try (InProcess handler = new InProcess(config)) {
                    Measure.cursorForPage(handler, page20(workload), 20);
                    inProcess = Measure.run("B", handler, workload.scenarios, settings,
                            new CpuMeter(home.resolve("postgres")));
                }
                // The floors: each request's own SQL, recorded from a handler of its own, over plain JDBC.
                Measure.Floors floors;
                try (InProcess recorder = new InProcess(config.with(Config.DB_URL,
                        JdbcScript.recordingUrl(db.plainJdbcUrl())))) {
                    floors = Measure.Floors.measure("floor", recorder, workload.scenarios, db.plainJdbcUrl(), settings,
                            new CpuMeter(home.resolve("postgres")));
                }
                report.inProcess(inProcess, floors, matches);
                // Plans: of every request over its target, and of the slowest list and slowest search
                // even when they meet it (what to watch as data grows).
                Map<Measure.Result, String> capture = new LinkedHashMap<>();
                inProcess.stream().filter(Measure.Result::missed).forEach(r -> capture.put(r, "missed its target"));
                for (String path : List.of(Workload.LIST, Workload.SEARCH)) {
                    inProcess.stream().filter(r -> r.scenario().path().equals(path))
                            .max(java.util.Comparator.comparingDouble(r -> r.stats().p99()))
                            .ifPresent(r -> capture.putIfAbsent(r, "slowest " + (path.equals(Workload.LIST)
                                    ? "list" : "search") + " request (target met)"));
                }
                for (Map.Entry<Measure.Result, String> e : capture.entrySet()) {
                    Measure.Result r = e.getKey();
                    System.out.println("  capturing the plan of " + r.scenario().id() + ": " + e.getValue() + " (p99 "
                            + Stats.fmt(r.stats().p99()) + " ms, target " + Stats.fmt(r.scenario().targetMs()) + " ms)");
                    String plan = Explain.capture(db.dataSource(), db.serverLog(), r.scenario(), () -> {
                        InProcess fresh = new InProcess(config);
                        return new Explain.Session() {
                            @Override
                            public Measure.Transport transport() {
                                return fresh;
                            }

                            @Override
                            public void close() {
                                fresh.close();
                            }
                        };
                    });
                    report.explain(r, plan, workload, e.getValue());
                }
            }

            // ---- D: cold start --------------------------------------------------------------------
            if (parts.contains("D")) {
                System.out.println("== D. cold start: fresh JVM, conversations.jar + runner, one list request");
                report.partStarted("D");
                // bench/run passes its private copy of functions/conversations/target/conversations.jar.
                Path jar = root.resolve(System.getProperty("bench.functionJar",
                        "functions/conversations/target/conversations.jar"));
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: build with mvn -pl bench -am install");
                }
                Path runners = root.resolve("bench/target/coldstart-runner");
                ColdStart.Subject function = ColdStart.function(jar, ColdStart.compileRunner(
                        root.resolve("bench/src/coldstart/java/ColdStartRunner.java"), jar.toString(), runners), workload);
                // The floor: a JVM with the same flags that opens one JDBC connection and runs SELECT 1.
                ColdStart.Subject bare = ColdStart.bare(ColdStart.compileRunner(
                        root.resolve("bench/src/coldstart/java/BareJdbcRunner.java"), "", runners));
                List<ColdStart.Result> cold = new ArrayList<>();
                String c1 = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"; // template.yaml's JAVA_TOOL_OPTIONS
                for (ColdStart.Variant v : List.of(
                        new ColdStart.Variant("default JVM flags", null),
                        new ColdStart.Variant("TieredStopAtLevel=1", c1),
                        new ColdStart.Variant("C1 + AppCDS (extra)", c1, runners.resolve("app-cds.jsa")))) {
                    ColdStart.Result measured = ColdStart.run(v, coldRuns, function, db.plainJdbcUrl(),
                            new CpuMeter(home.resolve("postgres")));
                    ColdStart.Result floor = ColdStart.run(v.forFloor(), coldRuns, bare, db.plainJdbcUrl(),
                            new CpuMeter(home.resolve("postgres")));
                    cold.add(measured.withBare(floor));
                }
                report.coldStart(cold, Files.size(jar), jar);
            }

            // ---- E: the messages function (sends, search, history); leaves the data set as it found it ---
            if (parts.contains("E")) {
                System.out.println("== E. messages function in-process: search, history, sends (PostgreSQL + ElasticMQ + S3Proxy)");
                report.partStarted("E");
                try {
                    report.messages(MessagesBench.run(root, db, workload, quick, settings, home));
                } catch (Exception | LinkageError e) {
                    System.out.println("  part E failed: " + e);
                    e.printStackTrace(System.out);
                    report.messagesFailed(e.toString());
                }
            }

            // ---- F1, F2: webhook intake and normalization in-process; leaves the data set as it found it ---
            if (parts.contains("F")) {
                System.out.println("== F. inbound in-process: WhatsApp webhook intake (ElasticMQ FIFO), normalization (PostgreSQL)");
                report.partStarted("F");
                try {
                    report.inbound(InboundBench.run(root, db, quick, home));
                } catch (Exception | LinkageError e) {
                    System.out.println("  part F1/F2 failed: " + e);
                    e.printStackTrace(System.out);
                    report.inboundFailed(e.toString());
                }
            }

            // ---- G3, G4: the writers with realtime on and off, replay; in-process, data set left as found ---
            if (parts.contains("G")) {
                System.out.println("== G3. writers with realtime on vs off: sends (E1) and normalization (F2), nudges to"
                        + " the RealtimeQueue (ElasticMQ FIFO)");
                report.partStarted("G3");
                try {
                    report.realtime().writers(RealtimeWriters.run(root, db, workload, quick, home));
                } catch (Exception | LinkageError e) {
                    System.out.println("  part G3 failed: " + e);
                    e.printStackTrace(System.out);
                    report.realtime().writersFailed(e.toString());
                }
                System.out.println("== G4. replay: GET /api/inbox/events of 1,000 events through RealtimeHandler in-process");
                report.partStarted("G4");
                try {
                    report.realtime().replay(ReplayBench.run(db, quick, home));
                } catch (Exception | LinkageError e) {
                    System.out.println("  part G4 failed: " + e);
                    e.printStackTrace(System.out);
                    report.realtime().replayFailed(e.toString());
                }
            }

            // ---- H1: a user's effective settings in-process, data set left as found ------------------
            if (parts.contains("H")) {
                System.out.println("== H1. effective settings: SettingsResolver.forUser (two teams, every level set); H2 after it");
                report.partStarted("H1");
                try {
                    report.settings(SettingsBench.run(root, db, quick, home));
                } catch (Exception | LinkageError e) {
                    System.out.println("  part H1 failed: " + e);
                    e.printStackTrace(System.out);
                    report.settingsFailed(e.toString());
                }
            }

            // ---- I: assignment in-process (an organization of its own, deleted after; the team inbox on part A's) ---
            if (parts.contains("I")) {
                System.out.println("== I1. one automatic decision: ConversationRouter.route, 200 agents, 100,000"
                        + " conversations; I2 a queue drain after it");
                report.partStarted("I1");
                try {
                    report.assignment(AssignmentBench.run(db, workload, quick, settings, home));
                } catch (Exception | LinkageError e) {
                    System.out.println("  part I failed: " + e);
                    e.printStackTrace(System.out);
                    report.assignmentFailed(e.toString());
                }
            }
        }

        // ---- C: over HTTP through the local runtime (its own PostgreSQL on the same folder) ---------
        if (parts.contains("C")) {
            System.out.println("== C. HTTP: LocalInbox (Jetty gateway + JWT authorizer + handler) on the same data");
            report.partStarted("C");
            try (LocalRuntime local = LocalRuntime.start(root, home)) {
                Measure.cursorForPage(local.transport(), page20(workload), 20);
                List<Measure.Result> http = Measure.run("C", local.transport(), workload.scenarios, httpSettings,
                        new CpuMeter(home.resolve("postgres")));
                report.http(http, local.inbox().timings().toString());
            } catch (Exception | LinkageError e) {
                System.out.println("  part C failed: " + e);
                report.httpFailed(e.toString());
            }
        }

        // ---- F3: end to end through the local runtime (a fresh, seeded folder of its own) -------------------
        if (parts.contains("F")) {
            System.out.println("== F3. end to end: sandbox WhatsApp inbound -> webhook -> queue -> normalizer -> API");
            report.partStarted("F3");
            try {
                report.endToEnd(InboundEndToEnd.run(root, quick));
            } catch (Exception | LinkageError e) {
                System.out.println("  part F3 failed: " + e);
                e.printStackTrace(System.out);
                report.endToEndFailed(e.toString());
            }
        }

        // ---- G1, G2: pushes through the local runtime (a fresh, seeded folder of its own) ----------------
        if (parts.contains("G")) {
            System.out.println("== G1, G2. realtime through the local runtime: push latency (2 agents), fan-out to "
                    + RealtimeEndToEnd.WIDTH + " connections");
            report.partStarted("G1");
            try {
                report.realtime().endToEnd(RealtimeEndToEnd.run(root, quick));
            } catch (Exception | LinkageError e) {
                System.out.println("  part G1/G2 failed: " + e);
                e.printStackTrace(System.out);
                report.realtime().endToEndFailed(e.toString());
            }
        }

        report.totalSeconds((System.nanoTime() - started) / 1e9);
        report.write();
        System.out.println("== results: " + root.relativize(results.resolve("results.md")) + ", "
                + root.relativize(results.resolve("results.json")));
    }

    private static Scenario page20(Workload workload) {
        return workload.scenarios.stream().filter(s -> s.id().equals("list-page20")).findFirst().orElseThrow();
    }

    private static Properties readGeneration(Path home) throws java.io.IOException {
        Path file = home.resolve("data.properties");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(home.resolve("postgres/postgresql.conf"))) {
            return null;
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    private static Map<String, String> databaseFacts(DataSource ds) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT version(), pg_size_pretty(pg_database_size(current_database())),"
                    + " current_setting('shared_buffers'), current_setting('work_mem'),"
                    + " current_setting('random_page_cost'), current_setting('jit')")) {
                r.next();
                facts.put("postgres", r.getString(1).replaceAll(" on .*", ""));
                facts.put("databaseSize", r.getString(2));
                facts.put("shared_buffers", r.getString(3));
                facts.put("work_mem", r.getString(4));
                facts.put("random_page_cost", r.getString(5));
                facts.put("jit", r.getString(6));
            }
            try (ResultSet r = s.executeQuery("SELECT string_agg(version, ', ' ORDER BY installed_rank)"
                    + " FROM flyway_schema_history WHERE success AND version IS NOT NULL")) {
                r.next();
                facts.put("migrations", r.getString(1));
            }
            try (ResultSet r = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('messages')),"
                    + " pg_size_pretty(pg_relation_size('messages_search')),"
                    + " pg_size_pretty(pg_total_relation_size('conversations'))")) {
                r.next();
                facts.put("messagesTotalSize", r.getString(1));
                facts.put("messagesSearchIndexSize", r.getString(2));
                facts.put("conversationsTotalSize", r.getString(3));
            }
        }
        return facts;
    }

    static String fmt(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** The real handler in this JVM, called with API Gateway v2 events as Lambda would call it. */
    static final class InProcess implements Measure.Transport, AutoCloseable {
        private final ConversationsHandler handler;
        private final DataSource dataSource;

        InProcess(Config config) {
            var component = DaggerConversationsComponent.factory().create(config);
            this.handler = new ConversationsHandler(component);
            this.dataSource = component.dataSource();
        }

        @Override
        public Measure.Answer call(Scenario s) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    HttpEventBuilder.request("GET", s.path()).query(s.query()).claims(s.who().claims()).build(),
                    null);
            return new Measure.Answer(response.getStatusCode(), response.getBody());
        }

        @Override
        public void close() {
            if (dataSource instanceof HikariDataSource hikari) {
                hikari.close();
            }
        }
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
