package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.EventReplay;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.event.SqsRealtimeNudge;
import com.unifiedbeez.inbox.event.StreamPosition;
import com.unifiedbeez.inbox.functions.realtime.DaggerRealtimeComponent;
import com.unifiedbeez.inbox.functions.realtime.RealtimeComponent;
import com.unifiedbeez.inbox.functions.realtime.RealtimeHandler;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DataSources;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Part G4: catching up on the event log. An organization of its own ({@value #ORGANIZATION_NAME}) in
 * the part A database gets {@value #EVENTS} events, each written through {@code DomainEvents} in a
 * transaction of its own (as the writers write them; realtime off, so nothing is nudged), then
 * numbered ({@code EventStream.sequence}). A client that missed them all fetches them with
 * {@code GET /api/inbox/events?since=0&limit=500} and then {@code since=<nextSince>}: the real
 * {@code RealtimeHandler} (its component, {@code DaggerRealtimeComponent}) in-process, as the admin.
 *
 * <p>The floor: the same two pages read bare. A second handler, on a recording connection, fetches
 * both pages; the statements that read the events ({@code FROM domain_events e JOIN event_streams})
 * are kept as it ran them and replayed on a plain JDBC connection, results read to the end.
 * The organization is deleted afterwards (its events with it).
 */
final class ReplayBench {
    static final double TARGET_MS = 50;
    static final int EVENTS = 1000;
    static final int PAGE = EventReplay.MAX_LIMIT;
    static final String ORGANIZATION_NAME = "bench-g replay";
    static final UUID ORGANIZATION = UUID.fromString("0190bf00-0000-7000-8000-00000000a901");
    static final UUID ADMIN = UUID.fromString("0190bf00-0000-7000-8000-00000000a902");
    private static final String EVENTS_PATH = "/api/inbox/events";

    /** Both pages per sample; the floor's statements as the handler ran them. */
    record Result(Stats handler, Stats bare, int events, int pages, int warmup, double writeSeconds,
                  long payloadBytes, List<String> statements, double othersCpuPercent, String cleanup) {
        Floor floor() {
            return new Floor("p99 ms", handler.p99(), bare.p99(), null);
        }

        boolean met() {
            return handler.p99() < TARGET_MS;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("request", "GET " + EVENTS_PATH + "?since=0&limit=" + PAGE + ", then since=<nextSince>");
            m.put("events", events);
            m.put("pages", pages);
            m.put("warmup", warmup);
            m.put("writeSeconds", Stats.round(writeSeconds));
            m.put("payloadBytesTotal", payloadBytes);
            m.putAll(handler.toMap());
            Map<String, Object> f = new LinkedHashMap<>(floor().toMap());
            f.put("floorStats", bare.toMap());
            f.put("statements", statements);
            m.put("floor", f);
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("targetP99Ms", TARGET_MS);
            m.put("metTarget", met());
            m.put("cleanup", cleanup);
            return m;
        }
    }

    private ReplayBench() {
    }

    static Result run(BenchDatabase db, boolean quick, Path home) throws Exception {
        DataSource admin = db.dataSource();
        if (cleanup(admin)) {
            System.out.println("  an earlier run left its organization behind: deleted");
        }
        int warmup = quick ? 20 : 100;
        int samples = quick ? 50 : 300;
        Config config = Config.of(Map.of(Config.DB_URL, db.plainJdbcUrl(), Config.DB_USER, "postgres",
                Config.DB_PASSWORD, "postgres"));
        try {
            setUp(admin);
            long t0 = System.nanoTime();
            long bytes;
            StreamPosition position;
            // a pool as the writers have (the bench's own DataSource opens a connection per call)
            try (HikariDataSource pool = DataSources.create(config)) {
                Database database = new Database(pool);
                bytes = write(database);
                position = new EventStream(database).sequence(ORGANIZATION);
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            if (position.lastSeq() != EVENTS) {
                throw new IllegalStateException("the log holds " + position.lastSeq() + " events, not " + EVENTS);
            }
            System.out.printf(Locale.ROOT, "  G4 %d events written (one transaction each) and numbered in %.1f s;"
                    + " %d fetches of both pages to warm up, then %d measured, handler then floor%n", EVENTS, writeSeconds,
                    warmup, samples);
            CpuMeter meter = new CpuMeter(home.resolve("postgres"));
            Stats handler;
            CpuMeter.Snapshot before;
            CpuMeter.Snapshot after;
            RealtimeComponent component = DaggerRealtimeComponent.factory().create(config);
            try {
                RealtimeHandler replay = new RealtimeHandler(component);
                for (int i = 0; i < warmup; i++) {
                    fetchAll(replay);
                }
                before = meter.snapshot();
                long[] took = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long a = System.nanoTime();
                    fetchAll(replay);
                    took[i] = System.nanoTime() - a;
                }
                after = meter.snapshot();
                handler = Stats.of(took, samples);
            } finally {
                close(component.dataSource());
            }
            // The floor: the statements that read the events, recorded from a handler of its own.
            JdbcScript reads;
            RealtimeComponent recording = DaggerRealtimeComponent.factory().create(
                    config.with(Config.DB_URL, JdbcScript.recordingUrl(db.plainJdbcUrl())));
            try {
                RealtimeHandler recorder = new RealtimeHandler(recording);
                JdbcScript.Recorded<Integer> last = null;
                for (int i = 0; i < 3; i++) { // the last of a few, as for the other floors
                    last = JdbcScript.record(() -> fetchAll(recorder));
                }
                reads = last.script().keep(sql -> sql.contains("FROM domain_events e JOIN event_streams"));
                if (reads.executions() != 2) {
                    throw new IllegalStateException("the recorded fetch read the events with " + reads.executions()
                            + " statements, not 2: " + last.script().statements());
                }
            } finally {
                close(recording.dataSource());
            }
            Stats bare;
            try (Connection plain = JdbcScript.plainConnection(db.plainJdbcUrl())) {
                bare = reads.timedReplays(plain, warmup, samples);
            }
            Result r = new Result(handler, bare, EVENTS, 2, warmup, writeSeconds, bytes, reads.statements(),
                    CpuMeter.othersPercent(before, after), "");
            System.out.printf(Locale.ROOT, "  G4     both pages           p50 %8s  p90 %8s  p99 %8s  max %8s ms  n=%d;"
                            + " floor p50 %s p99 %s ms (%s)%n", Stats.fmt(handler.p50()), Stats.fmt(handler.p90()),
                    Stats.fmt(handler.p99()), Stats.fmt(handler.max()), handler.count(), Stats.fmt(bare.p50()),
                    Stats.fmt(bare.p99()), r.floor().ratioCell());
            return r;
        } finally {
            cleanup(admin);
        }
    }

    /** Both pages, checked: 500 events, then the other 500 and no more. Returns the events fetched. */
    private static int fetchAll(RealtimeHandler handler) throws Exception {
        long since = 0;
        int fetched = 0;
        for (int page = 0; page < 2; page++) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEventBuilder.request("GET", EVENTS_PATH)
                    .query("since", Long.toString(since)).query("limit", Integer.toString(PAGE))
                    .claims(Workload.claims(ADMIN, ORGANIZATION, "admin")).build(), null);
            JsonNode body = response.getStatusCode() == 200 ? Workload.parse(response.getBody()) : null;
            if (body == null) {
                throw new IllegalStateException("GET " + EVENTS_PATH + "?since=" + since + ": " + response.getStatusCode()
                        + " " + Measure.abbreviate(response.getBody()));
            }
            int items = body.path("items").size();
            boolean more = body.path("hasMore").asBoolean();
            if (items != PAGE || more != (page == 0)) {
                throw new IllegalStateException("page " + (page + 1) + " had " + items + " events, hasMore " + more);
            }
            fetched += items;
            since = body.path("nextSince").asLong();
        }
        return fetched;
    }

    /**
     * The events, in the spec's shapes: mostly {@code message:received} with the message as the API
     * shows it, and some status, assignment and delivery-status changes, over 50 conversations.
     * Returns the payloads' bytes.
     */
    private static long write(Database database) {
        // Realtime off (no queue URL): the nudge does nothing, as in a function without INBOX_REALTIME_QUEUE_URL.
        DomainEvents events = new DomainEvents(database, new SqsRealtimeNudge(() -> {
            throw new IllegalStateException("realtime is off: no SQS client");
        }, Config.of(Map.of())));
        SplittableRandom random = new SplittableRandom(9);
        UUID[] conversations = new UUID[50];
        for (int i = 0; i < conversations.length; i++) {
            conversations[i] = UUID.nameUUIDFromBytes(("bench-g conversation " + i).getBytes());
        }
        long bytes = 0;
        for (int i = 0; i < EVENTS; i++) {
            UUID conversation = conversations[random.nextInt(conversations.length)];
            int kind = random.nextInt(10);
            String name;
            Map<String, Object> payload = new LinkedHashMap<>();
            if (kind < 7) {
                name = DomainEvents.MESSAGE_RECEIVED;
                Map<String, Object> message = new LinkedHashMap<>();
                UUID id = UUID.nameUUIDFromBytes(("bench-g message " + i).getBytes());
                message.put("id", id.toString());
                message.put("conversationId", conversation.toString());
                message.put("direction", "inbound");
                message.put("messageType", "text");
                message.put("content", Vocabulary.fill(random, Vocabulary.pick(random,
                        Vocabulary.AGENT_REPLIES[random.nextInt(Vocabulary.AGENT_REPLIES.length)]),
                        Vocabulary.pick(random, Vocabulary.FIRST_NAMES)));
                message.put("status", "received");
                message.put("externalId", "wamid.bench-g-" + i);
                message.put("platformTimestamp", "2026-12-02T10:00:00Z");
                message.put("createdAt", "2026-12-02T10:00:00.123456Z");
                message.put("attachments", List.of());
                message.put("reactions", List.of());
                payload.put("message", message);
                payload.put("conversationId", conversation.toString());
            } else if (kind == 7) {
                name = DomainEvents.CONVERSATION_STATUS;
                payload.put("conversationId", conversation.toString());
                payload.put("status", random.nextBoolean() ? "resolved" : "active");
            } else if (kind == 8) {
                name = DomainEvents.CONVERSATION_ASSIGNED;
                payload.put("conversationId", conversation.toString());
                payload.put("assignedTo", Map.of("userId", ADMIN.toString()));
            } else {
                name = DomainEvents.MESSAGE_STATUS;
                payload.put("messageId", UUID.nameUUIDFromBytes(("bench-g sent " + i).getBytes()).toString());
                payload.put("status", "delivered");
            }
            bytes += com.unifiedbeez.inbox.platform.json.Json.write(payload).length();
            database.transaction(c -> {
                events.emit(c, ORGANIZATION, conversation, name, payload);
                return null;
            });
        }
        return bytes;
    }

    private static void setUp(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO organizations (id, name) VALUES (?, ?)")) {
                s.setObject(1, ORGANIZATION);
                s.setString(2, ORGANIZATION_NAME);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (id, organization_id, email, name, role)"
                    + " VALUES (?, ?, 'replay-admin@bench.example', 'Replay Admin', 'admin')")) {
                s.setObject(1, ADMIN);
                s.setObject(2, ORGANIZATION);
                s.executeUpdate();
            }
            c.commit();
        }
    }

    /** Deletes the organization (its users, events and stream go with it); true when there was one. */
    static boolean cleanup(DataSource ds) throws SQLException {
        int deleted;
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM domain_events WHERE organization_id = ?")) {
                s.setObject(1, ORGANIZATION);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM organizations WHERE id = ?")) {
                s.setObject(1, ORGANIZATION);
                deleted = s.executeUpdate();
            }
            if (deleted > 0) {
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM domain_events");
                }
            }
        }
        return deleted > 0;
    }

    private static void close(DataSource ds) {
        if (ds instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }
}
