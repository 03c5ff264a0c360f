package com.unifiedbeez.inbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.bench.Workload.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Single-threaded, closed-loop latency measurement: each scenario is warmed up, then called back to
 * back; every call's System.nanoTime() duration is kept and percentiles are taken over the sorted
 * samples. Bounded in calls and in time so a slow query cannot make a run endless.
 */
final class Measure {
    /** How a request reaches the code under test (the handler in-process, or HTTP). */
    interface Transport {
        Answer call(Scenario scenario) throws Exception;
    }

    record Answer(int status, String body) {
    }

    record Settings(int warmupCalls, double warmupSeconds, int maxCalls, double maxSeconds, int minCalls) {
    }

    record Result(Scenario scenario, Stats stats, int items, boolean more, int bytes, int errors, String firstError,
                  double othersCpuPercent) {
        boolean missed() {
            return stats != null && stats.p99() > scenario.targetMs();
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", scenario.id());
            m.put("request", scenario.display());
            m.put("caller", scenario.who().description());
            m.put("targetP99Ms", scenario.targetMs());
            if (stats != null) {
                m.putAll(stats.toMap());
            }
            m.put("items", items);
            m.put("hasNextPage", more);
            m.put("responseBytes", bytes);
            m.put("errors", errors);
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("metTarget", stats != null && !missed());
            return m;
        }
    }

    /**
     * The floors of scenarios, by id: each one's own SQL, recorded from a handler on a recording
     * connection and replayed on a plain one ({@link JdbcScript.Bare}), measured like the handler.
     */
    record Floors(Map<String, Result> results, Map<String, List<String>> sql) {
        static Floors measure(String label, Transport recorder, List<Scenario> scenarios, String jdbcUrl,
                              Settings settings, CpuMeter meter) throws Exception {
            try (JdbcScript.Bare bare = JdbcScript.Bare.record(recorder, scenarios, jdbcUrl)) {
                Map<String, Result> results = new LinkedHashMap<>();
                Map<String, List<String>> sql = new LinkedHashMap<>();
                for (Result r : run(label, bare, scenarios, settings, meter)) {
                    results.put(r.scenario().id(), r);
                    sql.put(r.scenario().id(), bare.script(r.scenario().id()).statements());
                }
                return new Floors(results, sql);
            }
        }

        /** The scenario's p99 against its floor's (target: at most 1.5×), or null without a floor. */
        Floor of(Result r) {
            Result f = results.get(r.scenario().id());
            return f == null || f.stats() == null ? null : new Floor("p99 ms", r.stats().p99(), f.stats().p99(), Floor.LATENCY);
        }

        /** The floor's figures and the statements it ran, for results.json. */
        Map<String, Object> toMap(Result r) {
            Map<String, Object> m = new LinkedHashMap<>();
            Floor floor = of(r);
            if (floor != null) {
                m.putAll(floor.toMap());
                m.put("floorStats", results.get(r.scenario().id()).stats().toMap());
                m.put("statements", sql.get(r.scenario().id()));
            }
            return m;
        }
    }

    /** Above this share of the machine's CPU used by other processes, a scenario is measured again. */
    static final double RETRY_ABOVE_PERCENT = 20;

    private Measure() {
    }

    /**
     * Walks the scenario's list page by page and stores in its query the cursor of page {@code page}
     * (or of the last page, when the list is shorter: the tiny data set). Returns the page reached.
     */
    static int cursorForPage(Transport transport, Scenario scenario, int page) throws Exception {
        scenario.query().remove("cursor");
        for (int p = 1; p < page; p++) {
            Answer answer = transport.call(scenario);
            JsonNode json = Workload.parse(answer.body());
            if (answer.status() != 200 || json == null) {
                throw new IllegalStateException("page " + p + " of " + scenario.id() + " failed: "
                        + answer.status() + " " + abbreviate(answer.body()));
            }
            String next = json.path("nextCursor").asText(null);
            if (next == null) {
                return p;
            }
            scenario.query().put("cursor", next);
        }
        return page;
    }

    static List<Result> run(String label, Transport transport, List<Scenario> scenarios, Settings settings,
                            CpuMeter meter) throws Exception {
        // JIT and connection warm-up across all requests first, so the first scenario is not penalized.
        long warmEnd = System.nanoTime() + 10_000_000_000L;
        for (int round = 0; round < 20 && System.nanoTime() < warmEnd; round++) {
            for (Scenario s : scenarios) {
                transport.call(s);
            }
        }
        List<Result> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            Result r = one(transport, s, settings, meter);
            // The machine is shared: when other processes took a large share of the CPU meanwhile,
            // measure once more and keep the less disturbed attempt (chosen by disturbance, not by latency).
            if (r.othersCpuPercent() > RETRY_ABOVE_PERCENT) {
                System.out.printf(Locale.ROOT, "  %-6s %-22s (other processes used %.0f%% of the CPU: measuring again)%n",
                        label, s.id(), r.othersCpuPercent());
                Result again = one(transport, s, settings, meter);
                if (again.othersCpuPercent() >= 0 && again.othersCpuPercent() < r.othersCpuPercent()) {
                    r = again;
                }
            }
            results.add(r);
            System.out.printf(Locale.ROOT, "  %-6s %-22s p50 %8s  p90 %8s  p99 %8s  max %8s ms  %7.1f req/s  n=%-5d"
                            + " others %3.0f%% CPU%s%n",
                    label, s.id(), Stats.fmt(r.stats().p50()), Stats.fmt(r.stats().p90()), Stats.fmt(r.stats().p99()),
                    Stats.fmt(r.stats().max()), r.stats().perSecond(), r.stats().count(), r.othersCpuPercent(),
                    r.errors() > 0 ? "  ERRORS " + r.errors() + ": " + r.firstError() : "");
        }
        return results;
    }

    private static Result one(Transport transport, Scenario s, Settings settings, CpuMeter meter) throws Exception {
        Answer first = transport.call(s);
        JsonNode json = Workload.parse(first.body());
        int items = json == null ? -1 : json.path("items").size();
        boolean more = json != null && !json.path("nextCursor").isNull() && !json.path("nextCursor").isMissingNode();
        int errors = 0;
        String firstError = null;
        if (first.status() != 200) {
            errors++;
            firstError = first.status() + " " + abbreviate(first.body());
        }
        long warmEnd = System.nanoTime() + (long) (settings.warmupSeconds() * 1e9);
        for (int i = 0; i < settings.warmupCalls() && System.nanoTime() < warmEnd; i++) {
            transport.call(s);
        }
        long[] samples = new long[settings.maxCalls()];
        int n = 0;
        CpuMeter.Snapshot before = meter.snapshot();
        long end = System.nanoTime() + (long) (settings.maxSeconds() * 1e9);
        while (n < settings.maxCalls() && (n < settings.minCalls() || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            Answer a = transport.call(s);
            samples[n++] = System.nanoTime() - t0;
            if (a.status() != 200) {
                errors++;
                if (firstError == null) {
                    firstError = a.status() + " " + abbreviate(a.body());
                }
            }
        }
        double others = CpuMeter.othersPercent(before, meter.snapshot());
        return new Result(s, Stats.of(samples, n), items, more, first.body() == null ? 0 : first.body().length(),
                errors, firstError, others);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
