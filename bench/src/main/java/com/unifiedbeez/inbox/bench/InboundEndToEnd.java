package com.unifiedbeez.inbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.local.events.EventSources;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Part F3: a customer's WhatsApp message end to end through the local runtime. The channel sandbox
 * ({@code POST /local/sandbox/whatsapp/inbound}) builds and signs Meta's webhook and POSTs it to the
 * gateway; the webhook function queues it on the inbound FIFO queue (ElasticMQ); the local SQS event
 * source hands it to the normalizer function; the bench polls {@code GET /api/inbox/messages/{id}}
 * (as the demo admin) until the message is there. One message at a time.
 */
final class InboundEndToEnd {
    static final double TARGET_MS = 500;
    /** Pause between two polls of the history: the resolution of the "visible" time. */
    static final long POLL_PAUSE_MS = 5;
    private static final long GIVE_UP_MS = 15_000;

    /**
     * @param answered the sandbox's answer (it waits for our webhook's answer: the webhook function and the enqueue)
     * @param stored   until the normalizer's transaction began (the message row's created_at, the same clock)
     * @param visible  until a poll of the API returned the message
     */
    record Result(Stats answered, Stats stored, Stats visible, int errors, String firstError, int customers,
                  double othersCpuPercent, String startup, long pollWaitSeconds, int warmup) {
        boolean missed() {
            return visible == null || visible.p99() > TARGET_MS;
        }
    }

    private InboundEndToEnd() {
    }

    static Result run(Path root, boolean quick) throws Exception {
        Path folder = root.resolve("bench/target/bench-f-local");
        int customers = quick ? 5 : 20;
        int warmup = quick ? 10 : 40;
        int measured = quick ? 40 : 200;
        String tag = Long.toString(System.currentTimeMillis(), 36);
        try (LocalRuntime local = LocalRuntime.startDemo(root, folder)) {
            String startup = local.inbox().timings().toString();
            System.out.println("  local runtime on a fresh seeded folder: " + startup);
            DataSource ds = local.inbox().database().dataSource();
            String inbound = Sandbox.PREFIX + "/whatsapp/inbound";
            // Each customer's first message opens their conversation (not measured).
            List<UUID> conversations = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                String waId = waId(c);
                post(local, inbound, waId, c, "Hello, I have a question about my order.");
                long end = System.currentTimeMillis() + GIVE_UP_MS;
                Optional<UUID> found;
                while ((found = conversation(ds, waId)).isEmpty() && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                }
                conversations.add(found.orElseThrow(() -> new IllegalStateException(
                        "the first message of " + waId + " did not open a conversation within " + GIVE_UP_MS + " ms")));
            }
            CpuMeter meter = new CpuMeter(folder.resolve("postgres"));
            long[] answered = new long[measured];
            long[] visible = new long[measured];
            Map<String, Instant> started = new HashMap<>();
            int n = 0;
            int errors = 0;
            String firstError = null;
            CpuMeter.Snapshot before = null;
            for (int i = 0; i < warmup + measured; i++) {
                if (i == warmup) {
                    before = meter.snapshot();
                }
                int c = i % customers;
                String marker = "f3-" + tag + "-" + i;
                Instant wall = Instant.now();
                long t0 = System.nanoTime();
                String error = post(local, inbound, waId(c), c, "Any update on my order? (" + marker + ")");
                long t1 = System.nanoTime();
                long end = t0 + GIVE_UP_MS * 1_000_000;
                String path = MessagesBench.BASE + "/" + conversations.get(c) + "?limit=5";
                boolean seen = false;
                while (error == null && !seen && System.nanoTime() < end) {
                    HttpResponse<String> page = local.get(path, DemoSeed.ADA);
                    if (page.statusCode() != 200) {
                        error = "GET " + page.statusCode() + " " + Measure.abbreviate(page.body());
                    } else if (page.body().contains(marker)) {
                        seen = true;
                    } else {
                        Thread.sleep(POLL_PAUSE_MS);
                    }
                }
                long t2 = System.nanoTime();
                if (error == null && !seen) {
                    error = "not visible after " + GIVE_UP_MS + " ms";
                }
                if (i < warmup) {
                    continue;
                }
                if (error != null) {
                    errors++;
                    firstError = firstError == null ? error : firstError;
                    continue;
                }
                answered[n] = t1 - t0;
                visible[n] = t2 - t0;
                started.put(marker, wall);
                n++;
            }
            double others = CpuMeter.othersPercent(before, meter.snapshot());
            long[] stored = storedAfter(ds, started);
            Result r = new Result(n == 0 ? null : Stats.of(answered, n), stored.length == 0 ? null : Stats.of(stored, stored.length),
                    n == 0 ? null : Stats.of(visible, n), errors, firstError, customers, others, startup,
                    EventSources.POLL_WAIT.toSeconds(), warmup);
            print("answered", r.answered());
            print("stored", r.stored());
            print("visible", r.visible());
            if (errors > 0) {
                System.out.println("  F3 ERRORS " + errors + ": " + firstError);
            }
            return r;
        } finally {
            BenchDatabase.deleteTree(folder);
        }
    }

    static String waId(int customer) {
        return String.format(Locale.ROOT, "44700900%04d", 7000 + customer);
    }

    /** The sandbox plays the customer; null when our webhook answered 200, else the error. */
    static String post(LocalRuntime local, String path, String waId, int customer, String text) throws Exception {
        String json = BenchMain.json().writeValueAsString(Map.of("from", waId, "name",
                Vocabulary.FIRST_NAMES.get(customer % Vocabulary.FIRST_NAMES.size()) + " Bench", "text", text));
        HttpResponse<String> response = local.post(path, json);
        JsonNode answer = Workload.parse(response.body());
        int webhook = answer == null ? -1 : answer.path("webhook").path("status").asInt(-1);
        if (response.statusCode() != 202 || webhook != 200) {
            return "sandbox " + response.statusCode() + ", webhook " + webhook + ": " + Measure.abbreviate(response.body());
        }
        return null;
    }

    static Optional<UUID> conversation(DataSource ds, String waId) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT cv.id FROM contact_identities ci JOIN conversations cv ON cv.contact_id = ci.contact_id
                 WHERE ci.organization_id = ? AND ci.channel = 'whatsapp' AND ci.identifier = ?
                   AND cv.channel = 'whatsapp' AND cv.status IN ('new', 'active')""")) {
            s.setObject(1, DemoSeed.ACME_ORG);
            s.setString(2, waId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getObject(1, UUID.class)) : Optional.empty();
            }
        }
    }

    /** For each measured message: from the POST to the start of the normalizer's transaction (created_at), in ns. */
    private static long[] storedAfter(DataSource ds, Map<String, Instant> started) throws Exception {
        List<Long> out = new ArrayList<>();
        Map<String, Instant> byContent = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT content, created_at FROM messages WHERE organization_id = ? AND content LIKE ?")) {
            s.setObject(1, DemoSeed.ACME_ORG);
            s.setString(2, "%(f3-%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String content = r.getString(1);
                    String marker = content.substring(content.lastIndexOf("(f3-") + 1, content.length() - 1);
                    Timestamp at = r.getTimestamp(2);
                    byContent.put(marker, at.toInstant());
                }
            }
        }
        started.forEach((marker, wall) -> {
            Instant at = byContent.get(marker);
            if (at != null) {
                out.add(Math.max(0, java.time.Duration.between(wall, at).toNanos()));
            }
        });
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static void print(String what, Stats st) {
        if (st == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "  F3     %-20s p50 %8s  p90 %8s  p99 %8s  max %8s ms  n=%d%n", what,
                Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()), st.count());
    }
}
