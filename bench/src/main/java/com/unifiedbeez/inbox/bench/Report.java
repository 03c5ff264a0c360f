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
    private final StringBuilder missSection = new StringBuilder();
    private final StringBuilder watchSection = new StringBuilder();
    private final Map<String, Measure.Result> inProcess = new LinkedHashMap<>();
    private final List<String> explainFiles = new ArrayList<>();
    private double totalSeconds;
    private final Map<String, String> loads = new LinkedHashMap<>();

    Report(Path dir, BenchData.Scale scale, boolean quick) {
        this.dir = dir;
        this.scale = scale;
        this.quick = quick;
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
                Files.delete(file); // plans of an earlier run
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

    void inProcess(List<Measure.Result> results, Map<String, Long> matches) {
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder s = inProcessSection;
        s.append("## B. In-process latency\n\n");
        s.append("The real `ConversationsHandler.handleRequest` (Dagger component, HikariCP pool of 2) on the generated"
                + " database, API Gateway v2 events with JWT claims; one thread, back to back, after warm-up.\n\n");
        s.append("| request | p50 ms | p90 ms | p99 ms | max ms | req/s | n | items | others' CPU | target p99 | |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measure.Result r : results) {
            inProcess.put(r.scenario().id(), r);
            Map<String, Object> row = r.toMap();
            if (matches.containsKey(r.scenario().id())) {
                row.put("matchingConversations", matches.get(r.scenario().id()));
            }
            rows.add(row);
            s.append(tableRow(r, matches.get(r.scenario().id()), true));
        }
        s.append("\n`n` = measured calls (bounded by count and time); `items` = conversations on the page");
        s.append(" (with how many of the organization's 100,000 match, for searches). *others' CPU* = the share of the"
                + " machine's CPU (all cores) that processes other than this JVM and PostgreSQL used during the"
                + " measurement: the machine is shared, and a high share inflates the figures (above 20% a request is measured"
                + " a second time and the less disturbed attempt is kept). Rows marked *extra* go"
                + " beyond the issue's list.\n\n");
        json.put("inProcess", rows);
    }

    private static String tableRow(Measure.Result r, Long matching, boolean withTarget) {
        Stats st = r.stats();
        String label = "`" + r.scenario().display() + "`<br>" + r.scenario().title() + (r.scenario().extra() ? " *(extra)*" : "");
        String items = r.items() + (matching == null ? "" : String.format(Locale.ROOT, " of %,d", matching));
        String verdict = r.errors() > 0 ? "**" + r.errors() + " errors**"
                : r.missed() ? "**missed**" : "met";
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(label).append(" | ").append(Stats.fmt(st.p50())).append(" | ").append(Stats.fmt(st.p90()))
                .append(" | ").append(Stats.fmt(st.p99())).append(" | ").append(Stats.fmt(st.max())).append(" | ")
                .append(String.format(Locale.ROOT, "%.0f", st.perSecond())).append(" | ").append(st.count()).append(" | ")
                .append(items).append(" | ")
                .append(r.othersCpuPercent() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", r.othersCpuPercent()));
        if (withTarget) {
            sb.append(" | < ").append(String.format(Locale.ROOT, "%.0f", r.scenario().targetMs())).append(" | ")
                    .append(verdict);
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
            String row = tableRow(r, null, false);
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
                + " in the row marked extra (the JDK's default CDS archive is on). Target < 1 s.%n%n",
                results.isEmpty() ? 0 : results.get(0).runs().size(), mib, jarBytes));
        s.append("| JVM flags | process start → answer | JVM start → answer | JVM start → main | handler built | first request |"
                + " parent: spawn → answer | parent: spawn → exit | others' CPU | |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ColdStart.Result r : results) {
            Map<String, Double> m = r.medians();
            s.append(String.format(Locale.ROOT, "| %s | **%.0f ms** | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f%% | %s |%n",
                    r.variant().runOptions() == null ? "defaults"
                            : "`JAVA_TOOL_OPTIONS=" + r.variant().runOptions().replace(
                                    Path.of("").toAbsolutePath() + "/", "") + "`"
                            + (r.variant().archive() == null ? "" : " *(extra: AppCDS archive from one training run)*"),
                    m.get("processStartToAnswerMs"), m.get("jvmStartToAnswerMs"), m.get("jvmStartToMainMs"),
                    m.get("handlerConstructionMs"), m.get("firstRequestMs"), m.get("parentToAnswerMs"),
                    m.get("parentToExitMs"), r.othersCpuPercent(),
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
                + " (threads / rest of JVM / PostgreSQL) | others' CPU | target | |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<Map<String, Object>> sendRows = new ArrayList<>();
        for (MessagesBench.SendRun r : e.sends()) {
            Stats st = r.stats();
            String target = String.format(Locale.ROOT, "p99 < %.0f", MessagesBench.SEND_TARGET_MS);
            String verdict = r.errors() > 0 ? "**" + r.errors() + " errors**" : r.latencyMissed() ? "**missed**" : "met";
            s.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | **%.0f** | %d | %d | %.2f / %.2f / %.2f | %s | %s | %s |%n",
                    r.title(), Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()),
                    r.perSecond(), st.count(), r.errors(), r.handlerCpuMsPerSend(), r.restOfJvmCpuMsPerSend(),
                    r.postgresCpuMsPerSend(),
                    r.othersCpuPercent() < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f%%", r.othersCpuPercent()),
                    target, verdict));
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
        Stats ref = e.sqsReference();
        if (ref != null) {
            s.append(String.format(Locale.ROOT, "| *for reference: one SQS `SendMessage` alone to ElasticMQ (FIFO, a client"
                            + " built like the function's), 1 thread* | %s | %s | %s | %s | %.0f | %d | | | | | |%n",
                    Stats.fmt(ref.p50()), Stats.fmt(ref.p90()), Stats.fmt(ref.p99()), Stats.fmt(ref.max()), ref.perSecond(),
                    ref.count()));
            json.put("sqsSendMessageAlone", ref.toMap());
        }
        s.append('\n').append(throughput).append(".\n");
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
        s.append("| request | p50 ms | p90 ms | p99 ms | max ms | req/s | n | items | others' CPU | target p99 | |\n");
        s.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measure.Result r : e.requests()) {
            Map<String, Object> row = r.toMap();
            Long matching = e.matches().get(r.scenario().id());
            if (matching != null) {
                row.put("matchingMessages", matching);
            }
            rows.add(row);
            s.append(tableRow(r, matching, true));
        }
        s.append("\n`items` = messages on the page (with how many messages match, for searches).\n\n");
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

    void totalSeconds(double seconds) {
        this.totalSeconds = seconds;
        json.put("benchSeconds", Stats.round(seconds));
        json.put("loadAverageAtPartStart", loads);
    }

    void write() throws IOException {
        if (!explainFiles.isEmpty()) {
            json.put("explainFiles", explainFiles);
        }
        StringBuilder md = new StringBuilder();
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) json.get("environment");
        md.append("# Benchmark results\n\n");
        md.append("Written by `bench/run` (BenchMain) on ").append(env.get("date")).append(": ").append(env.get("cpus"))
                .append(" CPUs, ").append(env.get("java")).append(", ").append(env.get("os")).append(". ")
                .append(String.format(Locale.ROOT, "Whole run %.0f s", totalSeconds))
                .append(quick ? " in **--quick** mode (short windows: figures are indicative only)" : "")
                .append(". Targets: list p99 < 20 ms, search p99 < 100 ms, cold start < 1 s; messages: send p99 < 30 ms and"
                        + " ≥ 500 sends/s, message search p99 < 100 ms, history page p99 < 10 ms. Load average (1/5/15 min)"
                        + " when each part started: ").append(loads).append(" (the machine is shared; a load above"
                        + " the CPU count means other work competed with the measurement).\n\n");
        md.append(dataSection).append(workloadSection).append(inProcessSection);
        if (!missSection.isEmpty()) {
            md.append("### Targets missed (in-process)\n\n").append(missSection).append('\n');
        } else {
            md.append("Every in-process request met its target.\n\n");
        }
        if (!watchSection.isEmpty()) {
            md.append("### Plans of the slowest requests (targets met)\n\n").append(watchSection).append('\n');
        }
        md.append(httpSection).append(coldSection).append(messagesSection);
        Files.writeString(dir.resolve("results.md"), md.toString());
        BenchMain.json().writeValue(dir.resolve("results.json").toFile(), json);
    }
}
