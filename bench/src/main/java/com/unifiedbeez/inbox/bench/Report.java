package com.unifiedbeez.inbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Collects every part's figures and writes results.md (for people) and results.json (for tools). */
final class Report {
    private final Path dir;
    private final BenchData.Scale scale;
    private final boolean quick;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final StringBuilder dataSection = new StringBuilder();
    private final StringBuilder workloadSection = new StringBuilder();
    private final StringBuilder inProcessSection = new StringBuilder();
    private final StringBuilder httpSection = new StringBuilder();
    private final StringBuilder coldSection = new StringBuilder();
    private final StringBuilder messagesSection = new StringBuilder();
    private final StringBuilder inboundSection = new StringBuilder();
    private final StringBuilder endToEndSection = new StringBuilder();
    private final StringBuilder missSection = new StringBuilder();
    private final StringBuilder watchSection = new StringBuilder();
    private final Map<String, Measure.Result> inProcess = new LinkedHashMap<>();
    private final List<String> explainFiles = new ArrayList<>();
    private double totalSeconds;
    private final Map<String, String> loads = new LinkedHashMap<>();
    /** Part G's figures, filled in as its parts run (G3 and G4 with the database, G1 and G2 after it). */
    private final RealtimeReport realtime = new RealtimeReport();

    /** The parts this run measures (A always); the sections of the others are kept from the previous results. */
    private final String parts;
    /** The results.json keys each part writes (A's are always written). */
    private static final Map<Character, List<String>> JSON_KEYS = Map.of('B', List.of("inProcess"), 'C', List.of("http"),
            'D', List.of("coldStart"), 'E', List.of("messages"), 
            'F', List.of("inbound", "endToEnd"), 'G', List.of("realtime"), 'H', List.of("settings"),
            'I', List.of("assignment"));

    Report(Path dir, BenchData.Scale scale, boolean quick, String parts) {
        this.dir = dir;
        this.scale = scale;
        this.quick = quick;
        this.parts = parts;
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("quickMode", quick);
        json.put("environment", env);
        try (var old = Files.newDirectoryStream(dir, "explain-*.txt")) {
            for (Path file : old) {
                // plans of an earlier run, of the parts measured again (E's are explain-msg-*, B's the others)
                char owner = file.getFileName().toString().startsWith("explain-msg-") ? 'E' : 'B';
                if (parts.indexOf(owner) >= 0) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The machine's load average when a part starts: other work on the machine shows here. */
    void partStarted(String part) {
        String load = loadAverage();
        loads.put(part, load);
        System.out.println("  (load average " + load + ")");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    void dataSet(Properties generation, boolean generatedNow, Map<String, String> facts) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scale", scale.describe());
        data.put("generatedNow", generatedNow);
        data.put("generatedAt", generation.getProperty("generatedAt"));
        Map<String, Long> rows = new TreeMap<>();
        generation.stringPropertyNames().stream().filter(k -> k.startsWith("rows."))
                .forEach(k -> rows.put(k.substring(5), Long.parseLong(generation.getProperty(k))));
        data.put("rows", rows);
        Map<String, Object> load = new LinkedHashMap<>();
        for (String k : List.of("generateSeconds", "copySeconds", "indexSeconds", "vacuumAnalyzeSeconds", "loadSeconds")) {
            load.put(k, Double.parseDouble(generation.getProperty(k, "0")));
        }
        data.put("loadSeconds", load);
        data.put("database", facts);
        json.put("dataSet", data);

        StringBuilder s = dataSection;
        s.append("## A. Data set\n\n");
        s.append(scale.describe()).append(".\n\n");
        s.append(String.format(Locale.ROOT, "Loaded in **%s s** (generate in memory %s s, COPY %s s, rebuild indexes %s s,"
                        + " VACUUM (FREEZE, ANALYZE) %s s) at %s%s.%n%n",
                generation.getProperty("loadSeconds"), generation.getProperty("generateSeconds"),
                generation.getProperty("copySeconds"), generation.getProperty("indexSeconds"),
                generation.getProperty("vacuumAnalyzeSeconds"), generation.getProperty("generatedAt"),
                generatedNow ? "" : "; this run reused that cached data"));
        s.append("| table | rows |\n|---|---:|\n");
        rows.forEach((t, n) -> s.append("| ").append(t).append(" | ").append(String.format(Locale.ROOT, "%,d", n))
                .append(" |\n"));
        s.append("\nSchema: migrations ").append(facts.get("migrations")).append(". ");
        s.append(facts.get("postgres")).append(" (embedded, zonky): database ")
                .append(facts.get("databaseSize")).append(" (messages with indexes ").append(facts.get("messagesTotalSize"))
                .append(", of which the GIN index messages_search ").append(facts.get("messagesSearchIndexSize"))
                .append("; conversations ").append(facts.get("conversationsTotalSize")).append("); shared_buffers ")
                .append(facts.get("shared_buffers")).append(", work_mem ").append(facts.get("work_mem"))
                .append(", random_page_cost ").append(facts.get("random_page_cost")).append(", jit ")
                .append(facts.get("jit")).append(". Everything fits in memory: these are warm-cache figures.\n\n");
    }

    void workload(Workload w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("organization", w.organization.toString());
        m.put("admin", w.admin.user().toString());
        m.put("busiestAgent", w.busyAgent.user().toString());
        m.put("busiestAgentAssigned", w.busyAgentAssigned);
        m.put("quietAgent", w.quietAgent.user().toString());
        json.put("callers", m);
        workloadSection.append("Callers: list views as an admin (`view=all`), the busiest agent (`view=mine`, ")
                .append(String.format(Locale.ROOT, "%,d", w.busyAgentAssigned))
                .append(" conversations assigned) and an agent (`view=unassigned`, searches), all of the big organization.\n\n");
    }

    /** The header of a latency table with floors (parts B and E2); {@link #tableRow} writes its rows. */
    static final String LATENCY_HEADER = "| request | p50 ms | p90 ms | p99 ms | max ms | req/s | n | items | others' CPU"
            + " | floor p99 ms | × floor | target | | target p99 ms | |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|\n";

    /** How the floors of parts B and E2 are taken, for the text under their tables. */
    static final String LATENCY_FLOOR_NOTE = "*floor* = the same request's SQL bare: the JDBC calls the handler made for"
            + " it (statements, parameters, statement settings, transactions), recorded from a handler of its own on a"
            + " recording connection, replayed on one plain JDBC connection with the same measurement loop (results read"
            + " to the end); *× floor* = p99 / the floor's p99, the target " + Floor.LATENCY + "; the absolute target of"
            + " earlier issues stays beside it.";

    void inProcess(List<Measure.Result> results, Measure.Floors floors, Map<String, Long> matches) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder s = inProcessSection;
        s.append("## B. In-process latency\n\n");
        s.append("The real `ConversationsHandler.handleRequest` (Dagger component, HikariCP pool of 2) on the generated"
                + " database, API Gateway v2 events with JWT claims; one thread, back to back, after warm-up.\n\n");
        s.append(LATENCY_HEADER);
        for (Measure.Result r : results) {
            inProcess.put(r.scenario().id(), r);
            Map<String, Object> row = r.toMap();
            if (matches.containsKey(r.scenario().id())) {
                row.put("matchingConversations", matches.get(r.scenario().id()));
            }
            row.put("floor", floors.toMap(r));
            rows.add(row);
            s.append(tableRow(r, matches.get(r.scenario().id()), floors.of(r)));
        }
        s.append("\n`n` = measured calls (bounded by count and time); `items` = conversations on the page");
        s.append(" (with how many of the organization's 100,000 match, for searches). *others' CPU* = the share of the"
                + " machine's CPU (all cores) that processes other than this JVM and PostgreSQL used during the"
                + " measurement: the machine is shared, and a high share inflates the figures (above 20% a request is measured"
                + " a second time and the less disturbed attempt is kept). Rows marked *extra* go"
                + " beyond the issue's list. ").append(LATENCY_FLOOR_NOTE).append("\n\n");
        s.append(overFloor(results, floors));
        json.put("inProcess", rows);
    }

    /**
     * The floor columns of a closed-loop row (parts E1, F1, F2): the bare rate and its p99, the
     * ratio, and, when the figure has a target on it, the target and the verdict.
     */
    private static String rateFloorCells(Floor floor, Stats bare, long bareErrors, boolean targetColumns) {
        String cells = floor == null ? "n/a | n/a" : String.format(Locale.ROOT, "%,.0f (%s)%s | %s", floor.floor(),
                Stats.fmt(bare.p99()), bareErrors > 0 ? " **" + bareErrors + " errors**" : "", floor.ratioCell());
        return !targetColumns ? cells
                : cells + " | " + (floor == null ? "" : floor.targetCell()) + " | " + (floor == null ? "" : floor.verdictCell());
    }

    /** The requests whose p99 is over its floor's target ratio, as a line (or ""). */
    private static String overFloor(List<Measure.Result> results, Measure.Floors floors) {
        List<String> over = results.stream().filter(r -> floors.of(r) != null && !floors.of(r).met())
                .map(r -> r.scenario().id() + " (" + floors.of(r).ratioCell() + ")").toList();
        return over.isEmpty() ? "Every request kept its p99 within " + Floor.LATENCY + ".\n\n"
                : "**Over " + Floor.LATENCY + "**: " + String.join(", ", over) + ".\n\n";
    }

    /** A row of a latency table: with its floor and targets when {@code floor} is given (B, E2, I3), else without (C). */
    static String tableRow(Measure.Result r, Long matching, Floor floor) {
        Stats st = r.stats();
        String label = "`" + r.scenario().display() + "`<br>" + r.scenario().title() + (r.scenario().extra() ? " *(extra)*" : "");
        String items = r.items() + (matching == null ? "" : String.format(Locale.ROOT, " of %,d", matching));
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(label).append(" | ").append(Stats.fmt(st.p50())).append(" | ").append(Stats.fmt(st.p90()))
                .append(" | ").append(Stats.fmt(st.p99())).append(" | ").append(Stats.fmt(st.max())).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", st.perSecond())).append(" | ").append(st.count()).append(" | ")
                .append(items).append(" | ")
                .append(CpuMeter.percent(r.othersCpuPercent()));
        if (floor != null) {
            String errors = r.errors() > 0 ? "**" + r.errors() + " errors**" : null;
            sb.append(" | ").append(Stats.fmt(floor.floor())).append(" | ").append(floor.ratioCell()).append(" | ")
                    .append(floor.targetCell()).append(" | ").append(errors != null ? errors : floor.verdictCell())
                    .append(" | < ").append(String.format(Locale.ROOT, "%.0f", r.scenario().targetMs())).append(" | ")
                    .append(errors != null ? errors : r.missed() ? "**missed**" : "met");
        }
        return sb.append(" |\n").toString();
    }

    void explain(Measure.Result r, String plan, Workload w, String reason) throws IOException {
        String file = "explain-" + r.scenario().id() + ".txt";
        String header = "-- " + r.scenario().id() + ": GET " + r.scenario().display() + "  [" + reason + "]\n"
                + "-- caller: " + r.scenario().who().description() + " (user " + r.scenario().who().user()
                + ", organization " + w.organization + ")\n"
                + String.format(Locale.ROOT, "-- measured in-process: p50 %s ms, p99 %s ms (target p99 < %s ms)%n",
                Stats.fmt(r.stats().p50()), Stats.fmt(r.stats().p99()), Stats.fmt(r.scenario().targetMs()))
                + "-- Plans logged by auto_explain (log_analyze, log_buffers) for the handler's own statement;\n"
                + "-- $1.. are its parameters (organization id, filters, search text, cursor, limit + 1, caller id).\n\n";
        Files.writeString(dir.resolve(file), header + plan);
        explainFiles.add(file);
        StringBuilder section = r.missed() ? missSection : watchSection;
        section.append("- **").append(r.scenario().id()).append("** (`").append(r.scenario().display())
                .append("`): p99 ").append(Stats.fmt(r.stats().p99())).append(" ms against < ")
                .append(Stats.fmt(r.scenario().targetMs())).append(" ms; plan in [").append(file).append("](")
                .append(file).append(").\n");
    }

    void http(List<Measure.Result> results, String startup) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder s = httpSection;
        s.append("## C. Through the local runtime (HTTP)\n\n");
        s.append("`LocalInbox` started in the bench JVM on the same data folder (its own embedded PostgreSQL process on"
                + " it, same settings), called with `java.net.http.HttpClient` (HTTP/1.1 keep-alive, one thread), a dev"
                + " token per caller, so each request also goes through Jetty, the HS256 JWT authorizer and the gateway's"
                + " event mapping. The gateway's per-request access log is switched off for the measurement. Runtime "
                + startup + ".\n\n");
        s.append("| request | p50 ms | p90 ms | p99 ms | max ms | req/s | n | items | others' CPU | p50 vs in-process |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measure.Result r : results) {
            rows.add(r.toMap());
            String row = tableRow(r, null, null);
            Measure.Result b = inProcess.get(r.scenario().id());
            String delta = b == null ? "" : String.format(Locale.ROOT, "%+.2f ms", r.stats().p50() - b.stats().p50());
            s.append(row, 0, row.length() - 3).append(" | ").append(delta).append(" |\n");
        }
        s.append('\n');
        json.put("http", rows);
    }

    void httpFailed(String reason) {
        httpSection.append("## C. Through the local runtime (HTTP)\n\nNot measured: ").append(reason).append("\n\n");
        json.put("http", Map.of("error", reason));
    }

    void coldStart(List<ColdStart.Result> results, long jarBytes, Path jar) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder s = coldSection;
        double mib = jarBytes / (1024.0 * 1024.0);
        s.append("## D. Cold start of the conversations function\n\n");
        s.append(String.format(Locale.ROOT, "A fresh JVM per run: `java -cp conversations.jar:runner.jar ColdStartRunner` (nothing else on the class"
                + " path: conversations.jar is functions/conversations/target/conversations.jar, copied at the start of"
                + " the run; runner.jar holds the one class of bench/src/coldstart/java), configured through"
                + " the environment (INBOX_DB_URL, ...) like Lambda; the runner builds the handler with its no-arg"
                + " constructor, answers one `view=all` list request on the bench database and exits. Medians of %d runs"
                + " (one discarded run first). Jar: **%.1f MiB** (%,d bytes). No SnapStart; no application CDS archive except"
                + " in the row marked extra (the JDK's default CDS archive is on). Target < 1 s, and at most %s: the"
                + " *floor* is the same flags starting a JVM whose class path is the PostgreSQL driver and one class"
                + " (bench/src/coldstart/java/BareJdbcRunner.java) that opens one JDBC connection with the same"
                + " environment and runs `SELECT 1`: process start → its answer, median of as many runs, measured right"
                + " after the function's (with AppCDS, an archive trained on that runner).%n%n",
                results.isEmpty() ? 0 : results.get(0).runs().size(), mib, jarBytes, Floor.COLD_START));
        s.append("| JVM flags | process start → answer | JVM start → answer | JVM start → main | handler built | first request |"
                + " parent: spawn → answer | parent: spawn → exit | others' CPU | floor | × floor | target | | target | |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n");
        for (ColdStart.Result r : results) {
            Map<String, Double> m = r.medians();
            Floor floor = r.floor();
            s.append(String.format(Locale.ROOT, "| %s | **%.0f ms** | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f%% | %s | %s | %s | %s | < 1 s | %s |%n",
                    r.variant().runOptions() == null ? "defaults"
                            : "`JAVA_TOOL_OPTIONS=" + r.variant().runOptions().replace(
                                    Path.of("").toAbsolutePath() + "/", "") + "`"
                            + (r.variant().archive() == null ? "" : " *(extra: AppCDS archive from one training run)*"),
                    m.get("processStartToAnswerMs"), m.get("jvmStartToAnswerMs"), m.get("jvmStartToMainMs"),
                    m.get("handlerConstructionMs"), m.get("firstRequestMs"), m.get("parentToAnswerMs"),
                    m.get("parentToExitMs"), r.othersCpuPercent(),
                    floor == null ? "n/a" : String.format(Locale.ROOT, "%.0f ms", floor.floor()),
                    floor == null ? "n/a" : floor.ratioCell(), Floor.COLD_START,
                    floor == null ? "**missed**" : floor.verdictCell(),
                    m.get("processStartToAnswerMs") < ColdStart.TARGET_MS ? "met" : "**missed**"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", r.variant().name());
            row.put("javaToolOptions", r.variant().runOptions());
            row.put("medians", m);
            row.put("otherProcessesCpuPercent", Stats.round(r.othersCpuPercent()));
            List<Map<String, Object>> runs = new ArrayList<>();
            for (ColdStart.Run run : r.runs()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("processStartToAnswerMs", run.processStartToAnswerMs());
                x.put("jvmStartToAnswerMs", run.jvmStartToAnswerMs());
                x.put("handlerConstructionMs", run.handlerConstructionMs());
                x.put("firstRequestMs", run.firstRequestMs());
                x.put("parentToAnswerMs", Stats.round(run.parentToAnswerMs()));
                x.put("parentToExitMs", Stats.round(run.parentToExitMs()));
                runs.add(x);
            }
            row.put("runs", runs);
            row.put("metTarget", m.get("processStartToAnswerMs") < ColdStart.TARGET_MS);
            if (floor != null) {
                Map<String, Object> f = new LinkedHashMap<>(floor.toMap());
                f.put("floorMedians", r.bare().medians());
                f.put("floorOtherProcessesCpuPercent", Stats.round(r.bare().othersCpuPercent()));
                row.put("floor", f);
            }
            rows.add(row);
        }
        s.append("\n*process start* is when the OS started the JVM process (/proc/self/stat against /proc/uptime, 10 ms"
                + " granularity; ProcessHandle's startInstant is not used: Linux gives its boot-time base in whole"
                + " seconds); *JVM start* is"
                + " RuntimeMXBean.getStartTime(); *handler built* = the no-arg constructor (Dagger component, pool"
                + " object, CRaC registration); *first request* = the first handleRequest, which opens the first"
                + " database connection; *parent* = what the bench saw from ProcessBuilder.start().\n\n");
        Map<String, Object> cold = new LinkedHashMap<>();
        cold.put("jarBytes", jarBytes);
        cold.put("jarMiB", Stats.round(mib));
        cold.put("variants", rows);
        json.put("coldStart", cold);
    }

    void messages(MessagesBench.Result e) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder s = messagesSection;
        Map<String, String> f = e.facts();
        s.append("## E. Messages function (in-process)\n\n");
        s.append("The real `MessagesHandler.handleRequest` (its Dagger component, `DaggerMessagesComponent`) on the"
                + " generated database, with the template's `OutboundQueue` (FIFO: group = conversation, deduplication by"
                + " message id) on ElasticMQ and its `MediaBucket` on S3Proxy, both in the bench JVM (" + e.setup()
                + "); API Gateway v2 events with JWT claims, as in part B.\n\n");
        json.put("setup", e.setup());
        json.put("facts", f);

        // E1: sends
        s.append("### E1. Send acceptance: `POST /api/inbox/messages/send`\n\n");
        s.append(String.format(Locale.ROOT, "Each send is `{\"conversationId\", \"content\"}` (a generated agent reply of"
                        + " 40-110 characters) with an `Idempotency-Key`, from one of the %s agents, to one of %s open"
                        + " conversations of the big organization (%s); the reply windows of the WhatsApp, Instagram and"
                        + " Messenger ones were opened first (last_inbound_at set an hour back: %s conversations). What the"
                        + " handler does per send: one transaction (idempotency lookup, `SELECT ... FOR UPDATE` of the"
                        + " conversation, INSERT of the message `queued`, UPDATE of the conversation, the message read back"
                        + " with attachments and reactions), then SQS `SendMessage`, then a second transaction setting"
                        + " `enqueued_at`. Closed loop: each thread sends back to back to its own share of the conversations"
                        + " (a send locks its conversation's row), after a warm-up of the same configuration. *sends/s* ="
                        + " accepted sends / wall-clock seconds of the window. The function's pool is `INBOX_DB_POOL_SIZE`"
                        + " (default 2: one Lambda container serves one request at a time); the concurrent rows set it to"
                        + " **%d** (one handler shared by the threads, standing for several warm containers)."
                        + " *CPU per send*: the sender threads' own CPU time (handler, JDBC, SDK client) / the rest of this"
                        + " JVM / the PostgreSQL server's processes. The rest of the JVM is mostly ElasticMQ's threads and"
                        + " the C2 JIT compiler (`top -H` during the 4-thread window showed them at roughly 45%% and 35%% of"
                        + " a CPU): on these 2 CPUs the stand-in for SQS competes with the function, where in AWS SQS runs"
                        + " elsewhere, so the throughput here is a floor.%n%n",
                f.get("sendingAgents"), f.get("sendConversations"), f.get("sendConversationsByChannel"),
                f.get("replyWindowsOpened"), MessagesBench.THROUGHPUT_POOL));
        s.append("| configuration | p50 ms | p90 ms | p99 ms | max ms | sends/s | n | errors | CPU per send ms"
                + " (threads / rest of JVM / PostgreSQL) | others' CPU | floor sends/s (p99 ms) | × floor | target | |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<Map<String, Object>> sendRows = new ArrayList<>();
        for (MessagesBench.SendRun r : e.sends()) {
            Stats st = r.stats();
            String target = String.format(Locale.ROOT, "p99 < %.0f", MessagesBench.SEND_TARGET_MS);
            String verdict = r.errors() > 0 ? "**" + r.errors() + " errors**" : r.latencyMissed() ? "**missed**" : "met";
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | **%.0f** | %d | %d | %.2f / %.2f / %.2f | %s | %s | %s | %s |%n",
                    r.title(), Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()),
                    r.perSecond(), st.count(), r.errors(), r.handlerCpuMsPerSend(), r.restOfJvmCpuMsPerSend(),
                    r.postgresCpuMsPerSend(),
                    CpuMeter.percent(r.othersCpuPercent()),
                    rateFloorCells(r.floor(), r.bare() == null ? null : r.bare().stats(),
                            r.bare() == null ? 0 : r.bare().errors(), false), target, verdict));
            sendRows.add(r.toMap());
        }
        json.put("sends", sendRows);
        MessagesBench.SendRun best = e.sends().stream()
                .filter(r -> r.throughputRow() && r.errors() == 0 && !r.latencyMissed())
                .max(java.util.Comparator.comparingDouble(MessagesBench.SendRun::perSecond)).orElse(null);
        boolean throughputMet = best != null && best.perSecond() >= MessagesBench.SEND_TARGET_PER_SECOND;
        String throughput = String.format(Locale.ROOT, "Throughput target (≥ %.0f sends/s with p99 < %.0f ms on this"
                        + " machine): %s", MessagesBench.SEND_TARGET_PER_SECOND, MessagesBench.SEND_TARGET_MS,
                best == null ? "**missed**: no concurrent configuration kept p99 under the target"
                        : (throughputMet ? "**met**" : "**missed**") + String.format(Locale.ROOT,
                        ": best %.0f sends/s with p99 %s ms (%s)", best.perSecond(), Stats.fmt(best.stats().p99()),
                        best.title()));
        json.put("throughputTargetMet", throughputMet);
        s.append("\n*floor* = the same configuration (threads, their conversations) doing the send's work bare: on a plain"
                + " JDBC connection per thread, the send's INSERT of the message and UPDATE of the conversation in one"
                + " transaction, as the handler ran them (recorded from a handler of its own on a recording connection;"
                + " a new message id and Idempotency-Key each time), then SQS `SendMessage` of the message's body to the"
                + " same queue (group = conversation, deduplication = message id) with a client built like the function's."
                + " *× floor* = sends/s / the floor's (no target on it: the send's targets are absolute).\n\n");
        s.append(throughput).append(".\n");
        MessagesBench.Verification v = e.verification();
        if (v != null) {
            s.append(String.format(Locale.ROOT, "%nAfterwards (warm-up sends included): **%,d** sends accepted (202); %,d rows carry"
                            + " the bench's Idempotency-Key, %,d of them `queued` with `enqueued_at` set (%,d without, %,d in"
                            + " another status), over %,d conversations; the queue held %,d messages (%,d in flight, %,d delayed);"
                            + " %d messages sampled off it each named a stored send of its message group's conversation (%d of %d);"
                            + " after PurgeQueue it held %d. %s%n",
                    v.accepted(), v.rows(), v.queuedAndEnqueued(), v.notEnqueued(), v.otherStatus(), v.conversations(),
                    v.queueVisible(), v.queueInFlight(), v.queueDelayed(), v.sampled(), v.sampledMatching(), v.sampled(),
                    v.queueAfterPurge(), v.ok() ? "**Every accepted send was stored and enqueued once.**"
                            : "**Mismatch: see the counts.**"));
            json.put("verification", v.toMap());
        }
        s.append("\nCleanup: ").append(e.cleanup().isEmpty() ? "nothing to do" : e.cleanup())
                .append(" (the bench's sends deleted by their `" + MessagesBench.KEY_PREFIX + "` Idempotency-Key prefix,"
                        + " the conversations' status, last_message_at, preview, updated_at and last_inbound_at restored"
                        + " from a copy taken before), so parts B and C and later runs see the data set as generated."
                        + " On disk, with indexes: " + f.get("sizesBefore") + " before this part, " + f.get("sizesAfter")
                        + " after it (vacuumed space is reused by the next run's sends, not returned).\n\n");
        json.put("cleanup", e.cleanup());

        // E2: search and history
        s.append("### E2. Message search and history\n\n");
        s.append("One thread, back to back, after warm-up, as in part B; HikariCP pool of 2 (the default). The searches are"
                + " an agent's, over the big organization's " + f.get("organizationMessages") + " messages (English"
                + " stemming: \"order\" also matches"
                + " \"ordered\"); the history is that of the organization's longest conversation ("
                + f.get("historyConversationMessages") + " messages).\n\n");
        s.append(LATENCY_HEADER);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measure.Result r : e.requests()) {
            Map<String, Object> row = r.toMap();
            Long matching = e.matches().get(r.scenario().id());
            if (matching != null) {
                row.put("matchingMessages", matching);
            }
            row.put("floor", e.floors().toMap(r));
            rows.add(row);
            s.append(tableRow(r, matching, e.floors().of(r)));
        }
        s.append("\n`items` = messages on the page (with how many messages match, for searches). ")
                .append(LATENCY_FLOOR_NOTE).append("\n\n");
        s.append(overFloor(e.requests(), e.floors()));
        json.put("requests", rows);

        List<Measure.Result> missed = e.requests().stream().filter(Measure.Result::missed).toList();
        StringBuilder miss = new StringBuilder();
        StringBuilder watch = new StringBuilder();
        for (MessagesBench.Plan p : e.plans()) {
            Measure.Result r = p.result();
            String file = "explain-" + r.scenario().id() + ".txt";
            String header = "-- " + r.scenario().id() + ": GET " + r.scenario().display() + "  [" + p.reason() + "]\n"
                    + "-- caller: " + r.scenario().who().description() + " (user " + r.scenario().who().user()
                    + ", organization " + r.scenario().who().organization() + ")\n"
                    + String.format(Locale.ROOT, "-- measured in-process: p50 %s ms, p99 %s ms (target p99 < %s ms)%n",
                    Stats.fmt(r.stats().p50()), Stats.fmt(r.stats().p99()), Stats.fmt(r.scenario().targetMs()))
                    + "-- Plans logged by auto_explain (log_analyze, log_buffers) for the messages handler's own statement;\n"
                    + "-- $1.. are its parameters (search: query text, organization id, [conversation id], limit + 1, offset;\n"
                    + "-- history: organization id, conversation id, [cursor time, cursor id], limit + 1).\n\n";
            Files.writeString(dir.resolve(file), header + p.text());
            explainFiles.add(file);
            (r.missed() ? miss : watch).append("- **").append(r.scenario().id()).append("** (`")
                    .append(r.scenario().display()).append("`): p99 ").append(Stats.fmt(r.stats().p99()))
                    .append(" ms against < ").append(Stats.fmt(r.scenario().targetMs())).append(" ms; plan in [")
                    .append(file).append("](").append(file).append(").\n");
        }
        if (missed.isEmpty()) {
            s.append("Every search and history request met its target.\n\n");
        } else {
            s.append("#### Targets missed\n\n").append(miss).append('\n');
        }
        if (!watch.isEmpty()) {
            s.append("#### Plans of the slowest requests (targets met)\n\n").append(watch).append('\n');
        }
        MessagesBench.PlanCheck check = e.planCheck();
        if (check != null) {
            String file = "explain-msg-search-plans.txt";
            Files.writeString(dir.resolve(file), "-- A message search missed its target. The search statement (the bench's copy"
                    + " of MessageSearch's, " + (check.sqlIsHandlers() ? "identical to the one auto_explain logged for the"
                    + " handler" : "WHICH DIFFERS from the one auto_explain logged for the handler: update SearchPlans")
                    + "),\n-- its custom and generic plans. Values: the big organization, limit 20 (+1), offset 0.\n\n"
                    + check.sql() + "\n\n" + check.plans());
            explainFiles.add(file);
            s.append("#### Why the searches miss\n\n");
            if (!check.sqlIsHandlers()) {
                s.append("**The bench's copy of the search statement (SearchPlans.statement) differs from the handler's:"
                        + " the figures below are for the copy; update it.**\n\n");
            }
            s.append("The search statement run with JDBC as the handler runs it (prepared per call, so calls share the"
                    + " driver's server-side statement and PostgreSQL's plan cache; a fresh session, the searches interleaved"
                    + " for a warm-up as in the measured loop, then each measured in turn), and again with"
                    + " `plan_cache_mode = force_custom_plan`; custom and generic plans in [" + file + "](" + file
                    + "):\n\n");
            s.append("| search | as the handler runs it, p50 / p99 ms | custom plans forced, p50 / p99 ms | |\n");
            s.append("|---|---:|---:|---|\n");
            List<String> generic = new ArrayList<>();
            List<String> slow = new ArrayList<>();
            for (Map<String, Object> row : check.rows()) {
                String id = (String) row.get("id");
                double today50 = figure(check, id, "today", "p50Ms");
                double custom50 = figure(check, id, "customPlans", "p50Ms");
                double custom99 = figure(check, id, "customPlans", "p99Ms");
                boolean wasMissed = missed.stream().anyMatch(r -> r.scenario().id().equals(id));
                String cause = "";
                if (today50 > 2 * custom50 + 5) {
                    generic.add(id);
                    cause = "generic plan";
                }
                if (wasMissed && custom99 > MessagesBench.SEARCH_TARGET_MS) {
                    slow.add(id);
                    cause = cause.isEmpty() ? "slow even with custom plans" : cause + "; slow even with custom plans";
                }
                s.append("| `").append(row.get("request")).append("` | ")
                        .append(Stats.fmt(today50)).append(" / ").append(Stats.fmt(figure(check, id, "today", "p99Ms")))
                        .append(" | ").append(Stats.fmt(custom50)).append(" / ").append(Stats.fmt(custom99))
                        .append(" | ").append(cause).append(" |\n");
            }
            s.append('\n');
            if (!generic.isEmpty()) {
                s.append("- **The generic plan** (" + String.join(", ", generic) + "). After five executions the driver"
                        + " prepares the statement server-side, and PostgreSQL then runs it on its generic plan once that"
                        + " plan's estimated cost (made with a default selectivity for `search @@ $1`) is below the average"
                        + " of the custom plans it has seen. The generic plan ANDs the GIN bitmap with a bitmap of all the"
                        + " organization's messages, which is slow for every query. Fix, in MessageSearch: plan this"
                        + " statement with its values every time. Either set the driver's prepare threshold to 0 for it"
                        + " (`statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(0)`: an unnamed"
                        + " statement, planned at bind time, no extra round trip), or run it in `database.transaction`"
                        + " after `SET LOCAL plan_cache_mode = force_custom_plan`.\n");
            }
            if (!slow.isEmpty()) {
                s.append("- **Slow even with custom plans** (" + String.join(", ", slow) + "): the statement itself; see"
                        + " its custom plan in [" + file + "](" + file + ").\n");
            }
            if (generic.isEmpty() && slow.isEmpty()) {
                s.append("- Neither the generic plan nor the statement's custom plan explains the miss here (a disturbed"
                        + " measurement?): see the plans.\n");
            }
            s.append('\n');
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("sql", check.sql());
            p.put("sqlIsHandlers", check.sqlIsHandlers());
            p.put("measured", check.rows());
            p.put("explainFile", file);
            json.put("searchPlanCheck", p);
        }
        this.json.put("messages", json);
    }

    @SuppressWarnings("unchecked")
    private static double figure(MessagesBench.PlanCheck check, String id, String variant, String key) {
        for (Map<String, Object> row : check.rows()) {
            if (id.equals(row.get("id")) && row.get(variant) instanceof Map<?, ?> m) {
                return ((Number) ((Map<String, Object>) m).get(key)).doubleValue();
            }
        }
        return Double.NaN;
    }

    void messagesFailed(String reason) {
        messagesSection.append("## E. Messages function (in-process)\n\nNot measured: ").append(reason).append("\n\n");
        json.put("messages", Map.of("error", reason));
    }

    void inbound(InboundBench.Result f) {
        Map<String, Object> json = new LinkedHashMap<>();
        StringBuilder s = inboundSection;
        Map<String, String> facts = f.facts();
        s.append("## F. Inbound: webhook intake, normalization, end to end\n\n");
        s.append("F1 and F2 run in the bench JVM on the part A database, in an organization of their own (`")
                .append(InboundBench.ORGANIZATION_NAME).append("`: one WhatsApp connection, its credentials encrypted as the"
                        + " channels API stores them, and ").append(String.format(Locale.ROOT, "%,d", InboundBench.EXISTING_CUSTOMERS))
                .append(" existing customers with a conversation each: ").append(existingConversations(facts))
                .append("), with the template's `InboundQueue` (FIFO, group = connection + customer, deduplication by a hash"
                        + " of the payload) on ElasticMQ in the bench JVM. The organization is deleted afterwards and the"
                        + " tables vacuumed (").append(f.cleanup()).append("). **Text messages only**: each delivery is a"
                        + " WhatsApp Cloud API `messages` notification with one `text` message (the shape of"
                        + " events/webhooks/whatsapp/text.json), a distinct wamid, the customer's profile name, signed with"
                        + " `X-Hub-Signature-256`; half come from the existing customers, half from a pool of ")
                .append(String.format(Locale.ROOT, "%,d", InboundBench.NEW_CUSTOMER_POOL))
                .append(" numbers never seen before. The functions' pool is `INBOX_DB_POOL_SIZE` (default 2: one Lambda"
                        + " container serves one event at a time); the concurrent rows share one handler with a pool of **")
                .append(InboundBench.THROUGHPUT_POOL).append("**, standing for several warm containers. ElasticMQ runs"
                        + " in the same JVM on the same 2 CPUs (*rest of JVM* below), where in AWS SQS runs elsewhere.\n\n");

        // F1
        s.append("### F1. Webhook intake: `POST /api/webhooks/whatsapp`\n\n");
        s.append("The real `WhatsAppWebhookHandler` (its Dagger component, `DaggerWebhooksComponent`, with the real"
                + " `WhatsAppWebhook` adapter) gets API Gateway v2 events as Meta's POSTs arrive: HMAC-SHA256 of the raw body"
                + " checked, the connection looked up by phone_number_id in PostgreSQL (credentials decrypted), the"
                + " notification split per message and sent with `SendMessageBatch` to the FIFO queue, `200"
                + " {\"received\":1}`. Closed loop after a warm-up; building and signing the next delivery (Meta's work) is"
                + " not timed but runs on the same CPUs, so *deliveries/s* (accepted / wall-clock seconds) is a floor."
                + " *CPU per call*: the calling threads' own CPU time (the handler: HMAC, JSON, JDBC, the SDK client) / the"
                + " rest of this JVM (ElasticMQ's threads, the JIT compiler, GC) / the PostgreSQL server's processes.\n\n");
        s.append(runHeader("deliveries/s"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (InboundBench.Run r : f.intake()) {
            s.append(runRow(r, InboundBench.INTAKE_TARGET_MS, 0));
            rows.add(r.toMap(InboundBench.INTAKE_TARGET_MS, 0));
        }
        json.put("intake", rows);
        s.append("\n*floor* = the same threads doing the intake's queue work bare: each builds and signs the next delivery"
                + " (not timed, as above) and sends its body to the same queue with one `SendMessageBatch` (one entry, group ="
                + " connection + customer, deduplication = the wamid) through a client built like the function's: no"
                + " signature check, no JSON, no database. Measured after F1, on the same queue (emptied by F2's receive"
                + " first, purged after). *× floor* = deliveries/s / the floor's.\n");
        InboundBench.Run single = f.intake().stream().filter(r -> !r.throughputRow()).findFirst().orElse(null);
        boolean latencyMet = single != null && single.run().errors() == 0
                && single.run().stats().p99() < InboundBench.INTAKE_TARGET_MS;
        boolean ratioMet = floorsMet(f.intake());
        s.append(String.format(Locale.ROOT, "%nTargets: every configuration %s (the bare enqueue rate): %s; single-thread"
                        + " p99 < %.0f ms: %s.%n%n", Floor.INTAKE, verdict(ratioMet, ratios(f.intake())),
                InboundBench.INTAKE_TARGET_MS, verdict(latencyMet, single == null ? "not measured" : "p99 "
                        + Stats.fmt(single.run().stats().p99()) + " ms")));
        json.put("intakeFloorTargetMet", ratioMet);
        json.put("intakeLatencyTargetMet", latencyMet);

        // F2
        s.append("### F2. Normalization: the inbound normalizer on PostgreSQL\n\n");
        s.append(String.format(Locale.ROOT, "Everything F1 queued (its warm-up too) is received off the queue as the event"
                + " source mapping receives it (10 per `ReceiveMessage`, then deleted; %,d records in %.1f s, not part of the"
                + " figures), then handed in queue order to the real `InboundNormalizerHandler` (its component: `InboundBatch`,"
                + " `InboundProcessor`, the WhatsApp normalizer) as SQS events. Per record: the already-stored check,"
                + " then one transaction: contact found or created (with its WhatsApp identity), conversation routed (the"
                + " open one, a resolved one reopened, or a new one), message inserted, conversation activity updated,"
                + " `conversation.new` and `message.received` written to `domain_events`. The records are shared out in"
                + " queue order: 15%% warm up the JIT (4 threads, not reported), then each row takes its share (15%%, 20%%,"
                + " 25%%, the rest) and runs until it is done; with several threads each message group (customer) stays on"
                + " one thread, in order, as Lambda keeps FIFO groups. *records/s* = records of successful calls /"
                + " wall-clock seconds.%n%n", f.verification().received(), f.drainSeconds()));
        s.append(runHeader("records/s"));
        rows = new ArrayList<>();
        for (InboundBench.Run r : f.normalize()) {
            s.append(runRow(r, 0, r.throughputRow() ? InboundBench.NORMALIZE_TARGET_PER_SECOND : 0));
            rows.add(r.toMap(0, r.throughputRow() ? InboundBench.NORMALIZE_TARGET_PER_SECOND : 0));
        }
        json.put("normalize", rows);
        s.append(String.format(Locale.ROOT, "%n*floor* = the rows the normalizer wrote, inserted again bare: after the"
                + " check below they are read (every column but the generated ones), grouped by the record that wrote them"
                + " (its message and `message:received` event; the contact with its identity, the conversation and its"
                + " `conversation:new` event when the record created them: %s rows) and deleted, then each configuration"
                + " inserts its share again with the same threads and records per call, one transaction per record, one"
                + " prepared `INSERT INTO table (columns) VALUES (...)` per table, on a plain JDBC connection per thread"
                + " (the warm-up's share first, not reported). No lookups, no routing, no JSON. *× floor* = records/s /"
                + " the floor's.%n", f.facts().getOrDefault("floorRows", "?")));
        List<InboundBench.Run> batched = f.normalize().stream().filter(InboundBench.Run::throughputRow).toList();
        boolean normalizeRatioMet = floorsMet(batched);
        InboundBench.Run bestNormalize = best(f.normalize(), Double.MAX_VALUE);
        boolean normalizeMet = bestNormalize != null
                && bestNormalize.run().itemsPerSecond() >= InboundBench.NORMALIZE_TARGET_PER_SECOND;
        s.append(String.format(Locale.ROOT, "%nTargets: every configuration in batches of 10 %s (the bare insert rate):"
                        + " %s; ≥ %,.0f records/s on this machine: %s.%n", Floor.NORMALIZATION, verdict(normalizeRatioMet,
                        ratios(batched)), InboundBench.NORMALIZE_TARGET_PER_SECOND, verdict(normalizeMet,
                        bestNormalize == null ? "no run without errors" : String.format(Locale.ROOT,
                                "best %,.0f records/s (%s)", bestNormalize.run().itemsPerSecond(), bestNormalize.title()))));
        json.put("normalizeFloorTargetMet", normalizeRatioMet);
        json.put("normalizeThroughputTargetMet", normalizeMet);
        InboundBench.Verification v = f.verification();
        s.append(String.format(Locale.ROOT, "%nAfterwards: F1 accepted **%,d** deliveries; the queue then held %,d messages;"
                        + " %,d were received off it (%,d left after); %,d records were processed (%,d reported failed); the"
                        + " organization holds **%,d** messages with %,d distinct wamids (%,d not an inbound text of the"
                        + " connection); %,d new customers wrote and %,d contacts were created; %,d conversations were created;"
                        + " %,d domain events were written. %s%n%n",
                v.accepted(), v.queued(), v.received(), v.queueAfter(), v.processed(), v.failedRecords(), v.stored(),
                v.distinctExternalIds(), v.notInbound(), v.newCustomersSent(), v.contactsCreated(), v.conversationsCreated(),
                v.domainEvents(), v.ok() ? "**Every accepted delivery became exactly one message.**"
                        : "**Mismatch: see the counts.**"));
        json.put("verification", v.toMap());
        json.put("facts", facts);
        this.json.put("inbound", json);
    }

    void inboundFailed(String reason) {
        inboundSection.append("## F. Inbound: webhook intake, normalization, end to end\n\nF1 and F2 not measured: ")
                .append(reason).append("\n\n");
        json.put("inbound", Map.of("error", reason));
    }

    void endToEnd(InboundEndToEnd.Result r) {
        StringBuilder s = endToEndSection;
        s.append("### F3. End to end through the local runtime\n\n");
        s.append(String.format(Locale.ROOT, "`LocalInbox` on a fresh data folder of its own with the demo seed (not the"
                        + " part A data: the channel sandbox needs the demo connections), in the bench JVM (%s). One message at a time:"
                        + " `POST /local/sandbox/whatsapp/inbound` (the sandbox builds Meta's notification, signs it and POSTs it to"
                        + " the gateway's `/api/webhooks/whatsapp`: the webhook function, then the FIFO queue on ElasticMQ), then"
                        + " `GET /api/inbox/messages/{conversationId}?limit=5` as the demo admin every %d ms until the message is"
                        + " there. %d customers take turns, each with a conversation opened by a first message beforehand; %d"
                        + " messages of warm-up are not counted. The local SQS event source long-polls the queue"
                        + " (`ReceiveMessage` with WaitTimeSeconds %d): a receive returns as soon as a message arrives, so the"
                        + " poll wait bounds an idle wait, it is not added to each message; batches of up to 10, one batch at a"
                        + " time, then the normalizer function. *Stored* is the row's `created_at` (the start of the"
                        + " normalizer's transaction, same clock) minus the time of the POST.%n%n",
                r.startup(), InboundEndToEnd.POLL_PAUSE_MS, r.customers(), r.warmup(), r.pollWaitSeconds()));
        s.append("| from the POST to | p50 ms | p90 ms | p99 ms | max ms | n |\n|---|---:|---:|---:|---:|---:|\n");
        Map<String, Object> json = new LinkedHashMap<>();
        for (Object[] row : new Object[][] {{"the sandbox's answer (webhook function and enqueue done)", r.answered(), "answered"},
                {"the normalizer's transaction began (created_at)", r.stored(), "stored"},
                {"**visible through the API**", r.visible(), "visible"}}) {
            Stats st = (Stats) row[1];
            if (st == null) {
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d |%n", row[0], Stats.fmt(st.p50()),
                    Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()), st.count()));
            json.put((String) row[2], st.toMap());
        }
        s.append(String.format(Locale.ROOT, "%nErrors: %d%s. Others' CPU: %s. Target p99 < %.0f ms: %s.%n%n", r.errors(),
                r.firstError() == null ? "" : " (first: " + r.firstError() + ")",
                CpuMeter.percent(r.othersCpuPercent()),
                InboundEndToEnd.TARGET_MS, verdict(!r.missed() && r.errors() == 0, r.visible() == null ? "not measured"
                        : "p99 " + Stats.fmt(r.visible().p99()) + " ms")));
        json.put("errors", r.errors());
        json.put("pollPauseMs", InboundEndToEnd.POLL_PAUSE_MS);
        json.put("eventSourceWaitTimeSeconds", r.pollWaitSeconds());
        json.put("otherProcessesCpuPercent", Stats.round(r.othersCpuPercent()));
        json.put("targetP99Ms", InboundEndToEnd.TARGET_MS);
        json.put("metTarget", !r.missed() && r.errors() == 0);
        this.json.put("endToEnd", json);
    }

    void endToEndFailed(String reason) {
        endToEndSection.append("### F3. End to end through the local runtime\n\nNot measured: ").append(reason).append("\n\n");
        json.put("endToEnd", Map.of("error", reason));
    }

    private static String existingConversations(Map<String, String> facts) {
        List<String> parts = new ArrayList<>();
        facts.forEach((k, v) -> {
            if (k.startsWith("existingConversations.")) {
                parts.add(String.format(Locale.ROOT, "%,d %s", Long.parseLong(v), k.substring(k.indexOf('.') + 1)));
            }
        });
        return String.join(", ", parts);
    }

    /** The fastest concurrent run without errors whose p99 is under {@code maxP99Ms}. */
    private static InboundBench.Run best(List<InboundBench.Run> runs, double maxP99Ms) {
        return runs.stream().filter(r -> r.throughputRow() && r.run().errors() == 0 && r.run().stats().p99() < maxP99Ms)
                .max(java.util.Comparator.comparingDouble(r -> r.run().itemsPerSecond())).orElse(null);
    }

    private static String verdict(boolean met, String detail) {
        return (met ? "**met**" : "**missed**") + " (" + detail + ")";
    }

    /** Whether every run has a floor and met its target on it. */
    private static boolean floorsMet(List<InboundBench.Run> runs) {
        return !runs.isEmpty() && runs.stream().allMatch(r -> r.floor() != null && r.floor().met() && r.run().errors() == 0);
    }

    /** "0.61× (1 thread, ...), ..." */
    private static String ratios(List<InboundBench.Run> runs) {
        return String.join(", ", runs.stream().map(r -> (r.floor() == null ? "no floor" : r.floor().ratioCell())
                + " (" + r.title() + ")").toList());
    }

    private static String runHeader(String unit) {
        return "| configuration | timed unit | p50 ms | p90 ms | p99 ms | max ms | " + unit + " | n | errors"
                + " | CPU per call ms (threads / rest of JVM / PostgreSQL) | others' CPU | floor " + unit + " (p99 ms)"
                + " | × floor | target | | other target | |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|\n";
    }

    /** A closed-loop row of F1/F2 with its floor; {@code targetMs}/{@code targetPerSecond}: absolute targets (0: none). */
    private static String runRow(InboundBench.Run r, double targetMs, double targetPerSecond) {
        ClosedLoop.Run run = r.run();
        Stats st = run.stats();
        List<String> targets = new ArrayList<>();
        boolean met = run.errors() == 0;
        if (targetMs > 0) {
            targets.add(String.format(Locale.ROOT, "p99 < %.0f", targetMs));
            met &= st.p99() < targetMs;
        }
        if (targetPerSecond > 0) {
            targets.add(String.format(Locale.ROOT, "≥ %,.0f/s", targetPerSecond));
            met &= run.itemsPerSecond() >= targetPerSecond;
        }
        String errors = run.errors() > 0 ? "**" + run.errors() + " errors**" : null;
        String verdict = errors != null ? errors : targets.isEmpty() ? "" : met ? "met" : "**missed**";
        String floorCells = rateFloorCells(r.floor(), r.bare() == null ? null : r.bare().stats(),
                r.bare() == null ? 0 : r.bare().errors(), true);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | **%,.0f** | %d | %d | %.2f / %.2f / %.2f | %s | %s | %s | %s |%n",
                r.title(), r.unit(), Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()),
                run.itemsPerSecond(), st.count(), run.errors(), run.threadCpuMsPerCall(), run.restOfJvmCpuMsPerCall(),
                run.postgresCpuMsPerCall(), CpuMeter.percent(run.othersCpuPercent()),
                floorCells, String.join(", ", targets), verdict);
    }

    RealtimeReport realtime() {
        return realtime;
    }

    /** Part H: a user's effective settings (H1). */
    private String settingsSection = "";

    void settings(SettingsBench.Result r) {
        json.put("settings", r.toMap());
        settingsSection = r.markdown();
    }

    void settingsFailed(String error) {
        json.put("settings", Map.of("error", error));
        settingsSection = "## H. Settings\n\nNot measured: " + error + "\n\n";
    }

    /** Part I: assignment (I1 decision, I2 drain, I3 team inbox). */
    private String assignmentSection = "";

    void assignment(AssignmentBench.Result r) {
        json.put("assignment", r.toMap());
        assignmentSection = r.markdown();
    }

    void assignmentFailed(String error) {
        json.put("assignment", Map.of("error", error));
        assignmentSection = "## I. Assignment\n\nNot measured: " + error + "\n\n";
    }

    void totalSeconds(double seconds) {
        this.totalSeconds = seconds;
        json.put("benchSeconds", Stats.round(seconds));
        json.put("loadAverageAtPartStart", loads);
    }

    void write() throws IOException {
        if (parts.indexOf('G') >= 0) {
            json.put("realtime", realtime.json());
        }
        Kept kept = Kept.read(dir, parts);
        kept.json().forEach(json::putIfAbsent);
        try (var files = Files.list(dir)) {
            List<String> explains = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("explain-") && n.endsWith(".txt")).sorted().toList();
            if (!explains.isEmpty()) {
                json.put("explainFiles", explains);
            }
        }
        StringBuilder md = new StringBuilder();
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) json.get("environment");
        md.append("# Benchmark results\n\n");
        md.append("Written by `bench/run` (BenchMain) on ").append(env.get("date")).append(": ").append(env.get("cpus"))
                .append(" CPUs, ").append(env.get("java")).append(", ").append(env.get("os")).append(". ")
                .append(String.format(Locale.ROOT, "Whole run %.0f s", totalSeconds))
                .append(quick ? " in **--quick** mode (short windows: figures are indicative only)" : "")
                .append(". Every figure stands beside its *floor*, the same work done bare in the same run (the request's"
                        + " own SQL over plain JDBC, the same payloads sent straight to the queue, the same rows inserted, a JVM"
                        + " that opens one JDBC connection and runs `SELECT 1`), and *× floor* is their ratio. Targets on the"
                        + " ratio: list, search and history p99 " + Floor.LATENCY + "; webhook intake " + Floor.INTAKE
                        + " (the bare enqueue rate); normalization " + Floor.NORMALIZATION + " (the bare insert rate); cold"
                        + " start " + Floor.COLD_START + ". Absolute targets kept beside them: list p99 < 20 ms, search p99"
                        + " < 100 ms, cold start < 1 s; messages: send p99 < 30 ms and ≥ 500 sends/s, message search p99 < 100"
                        + " ms, history page p99 < 10 ms; inbound: webhook intake p99 < 10 ms, normalization ≥ 1,000"
                        + " messages/s, end to end p99 < 500 ms; realtime: push p99 < 100 ms, one event to 1,000"
                        + " connections < 1 s and ≤ 2× the bare posts, writers with realtime on ≥ 0.9× off, replay of"
                        + " 1,000 events p99 < 50 ms; assignment: one decision p99 < 20 ms and ≤ 2× the bare candidate"
                        + " query, team inbox p99 < 20 ms. Load average (1/5/15 min)"
                        + " when each part started: ").append(loads).append(" (the machine is shared; a load above"
                        + " the CPU count means other work competed with the measurement).\n\n");
        if (!kept.sections().isEmpty()) {
            md.append("**This run measured part").append(parts.length() > 1 ? "s " : " ").append(String.join(", ",
                            parts.chars().mapToObj(c -> String.valueOf((char) c)).toList()))
                    .append(".** The sections of part").append(kept.sections().size() > 1 ? "s " : " ")
                    .append(String.join(", ", kept.sections().keySet().stream().map(String::valueOf).toList()))
                    .append(" are kept as the earlier run of ").append(kept.date()).append(" wrote them (its load averages: ")
                    .append(kept.loads()).append("; the same generated data set, schema migrations ").append(kept.migrations())
                    .append(").\n\n");
        }
        md.append(dataSection).append(workloadSection);
        if (parts.indexOf('B') >= 0) {
            md.append(inProcessSection);
            if (!missSection.isEmpty()) {
                md.append("### Targets missed (in-process)\n\n").append(missSection).append('\n');
            } else {
                md.append("Every in-process request met its absolute target.\n\n");
            }
            if (!watchSection.isEmpty()) {
                md.append("### Plans of the slowest requests (targets met)\n\n").append(watchSection).append('\n');
            }
        }
        StringBuilder f = new StringBuilder();
        if (!inboundSection.isEmpty() || !endToEndSection.isEmpty()) {
            if (inboundSection.isEmpty()) {
                f.append("## F. Inbound: webhook intake, normalization, end to end\n\n");
            }
            f.append(inboundSection).append(endToEndSection);
        }
        Map<Character, CharSequence> measured = Map.of('B', "", 'C', httpSection, 'D', coldSection, 'E', messagesSection,
                'F', f, 'G', parts.indexOf('G') >= 0 ? realtime.markdown() : "", 'H', settingsSection, 'I',
                assignmentSection);
        for (char part : "BCDEFGHI".toCharArray()) {
            CharSequence section = parts.indexOf(part) >= 0 ? measured.get(part) : kept.sections().get(part);
            if (section != null) {
                md.append(section);
            }
        }
        Files.writeString(dir.resolve("results.md"), md.toString());
        BenchMain.json().writeValue(dir.resolve("results.json").toFile(), json);
    }

    /**
     * What an earlier run wrote for the parts this run does not measure: their results.md sections
     * (from their "## X." heading to the next part's), their results.json keys, its date and loads.
     */
    record Kept(Map<Character, String> sections, Map<String, Object> json, String date, Object loads, Object migrations) {
        @SuppressWarnings("unchecked")
        static Kept read(Path dir, String parts) throws IOException {
            Path md = dir.resolve("results.md");
            Path js = dir.resolve("results.json");
            if (!Files.isRegularFile(md) || !Files.isRegularFile(js)) {
                return new Kept(Map.of(), Map.of(), null, null, null);
            }
            Map<String, Object> old = BenchMain.json().readValue(js.toFile(), Map.class);
            Map<Character, String> sections = new java.util.TreeMap<>();
            String text = Files.readString(md);
            java.util.regex.Matcher heading = java.util.regex.Pattern.compile("(?m)^## ([A-Z])\\. ").matcher(text);
            List<int[]> starts = new ArrayList<>();
            while (heading.find()) {
                starts.add(new int[] {heading.start(), heading.group(1).charAt(0)});
            }
            for (int i = 0; i < starts.size(); i++) {
                char part = (char) starts.get(i)[1];
                int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : text.length();
                if (part != 'A' && parts.indexOf(part) < 0) {
                    sections.put(part, text.substring(starts.get(i)[0], end));
                }
            }
            Map<String, Object> keys = new LinkedHashMap<>();
            Map<String, Object> oldLoads = (Map<String, Object>) old.getOrDefault("loadAverageAtPartStart", Map.of());
            Map<String, Object> keptLoads = new LinkedHashMap<>();
            for (char part : sections.keySet()) {
                for (String key : JSON_KEYS.getOrDefault(part, List.of())) {
                    if (old.containsKey(key)) {
                        keys.put(key, old.get(key));
                    }
                }
                oldLoads.forEach((k, v) -> {
                    if (k.charAt(0) == part) {
                        keptLoads.put(k, v);
                    }
                });
            }
            String date = String.valueOf(((Map<String, Object>) old.getOrDefault("environment", Map.of())).get("date"));
            Object migrations = ((Map<String, Object>) ((Map<String, Object>) old.getOrDefault("dataSet", Map.of()))
                    .getOrDefault("database", Map.of())).get("migrations");
            Object loads = keptLoads;
            // Sections the previous file itself kept from an earlier run keep that run's date, loads and schema.
            Map<String, Object> earlier = (Map<String, Object>) old.get("keptFromEarlierRun");
            if (earlier != null && ((List<String>) earlier.getOrDefault("parts", List.of()))
                    .containsAll(sections.keySet().stream().map(String::valueOf).toList())) {
                date = String.valueOf(earlier.get("date"));
                loads = earlier.getOrDefault("loadAverageAtPartStart", keptLoads);
                migrations = earlier.getOrDefault("migrations", migrations);
            }
            if (!sections.isEmpty()) {
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put("parts", sections.keySet().stream().map(String::valueOf).toList());
                kept.put("date", date);
                kept.put("loadAverageAtPartStart", loads);
                kept.put("migrations", migrations);
                keys.put("keptFromEarlierRun", kept);
            }
            return new Kept(sections, keys, date, loads, migrations);
        }
    }
}
