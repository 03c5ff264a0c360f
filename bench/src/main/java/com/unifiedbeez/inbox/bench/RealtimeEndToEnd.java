package com.unifiedbeez.inbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.local.events.SqsEventSource;
import com.unifiedbeez.inbox.local.gateway.ws.WebSocketGateway;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.seed.DemoUser;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.realtime.ConnectionPusher;
import com.unifiedbeez.inbox.realtime.ConnectionRegistry;
import com.unifiedbeez.inbox.realtime.ConnectionPushModule;
import com.unifiedbeez.inbox.realtime.ConversationViewers;
import com.unifiedbeez.inbox.realtime.LiveConnection;
import com.unifiedbeez.inbox.realtime.RealtimeTable;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Parts G1 and G2: events pushed to agents' WebSocket connections through the local runtime
 * ({@code LocalInbox} on a fresh, seeded folder of its own, as F3): the writer's commit nudges the
 * realtime FIFO queue (ElasticMQ), the local SQS event source hands the nudge to the fan-out function
 * ({@code FanoutHandler}), which numbers the events, reads the organization's connections in DynamoDB
 * (dynalite) and posts each frame through the local gateway's {@code @connections}.
 *
 * <ol>
 *   <li>G1, push latency: two agents connected; a customer's WhatsApp message through the channel
 *       sandbox (as F3), until {@code message:received} for it is at the clients. Every other measured
 *       message is the floor instead: the same POST until the message row is in PostgreSQL.</li>
 *   <li>G2, fan-out width: {@value #WIDTH} connections of the organization; one logged event (a
 *       conversation's status changed over the HTTP API by the admin) until the last of them has its
 *       frame. Each time, the floor: the same frame posted by the bench straight to the same
 *       connections through {@code @connections}, {@value #FLOOR_CONCURRENCY} posts at a time.</li>
 * </ol>
 */
final class RealtimeEndToEnd {
    static final double PUSH_TARGET_MS = 100;
    static final double WIDTH_TARGET_MS = 1000;
    static final Floor.Target WIDTH_FLOOR = Floor.Target.atMost(2);
    static final int WIDTH = 1000;
    /** The fan-out's own concurrency (ConnectionPusher's default, INBOX_FANOUT_CONCURRENCY). */
    static final int FLOOR_CONCURRENCY = 32;
    /** Pause between two polls of PostgreSQL in G1's floor. */
    static final long POLL_PAUSE_MS = 1;
    /** The users whose connections G2 opens, {@value #WIDTH} / 4 each. */
    static final List<DemoUser> WIDTH_USERS = List.of(DemoSeed.ADA, DemoSeed.SAM, DemoSeed.PRIYA, DemoSeed.LEE);
    private static final Duration GIVE_UP = Duration.ofSeconds(15);
    private static final String RECEIVED = "{\"event\":\"message:received\"";
    private static final String STATUS = "{\"event\":\"conversation:status\"";

    /**
     * G1. {@code first}/{@code all}: from the POST until the first / both clients had the frame;
     * {@code stored}: the floor, from the POST until a poll of PostgreSQL found the row.
     */
    record Push(Stats first, Stats all, Stats stored, int clients, int customers, int warmup, int errors,
                String firstError, double othersCpuPercent) {
        Floor floor() {
            return all == null || stored == null ? null : new Floor("p99 ms", all.p99(), stored.p99(), null);
        }

        boolean met() {
            return all != null && errors == 0 && all.p99() < PUSH_TARGET_MS;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clients", clients);
            m.put("customers", customers);
            m.put("warmupMessages", warmup);
            m.put("firstClient", first == null ? null : first.toMap());
            m.put("allClients", all == null ? null : all.toMap());
            m.put("floorStoredInPostgres", stored == null ? null : stored.toMap());
            if (floor() != null) {
                m.put("floor", floor().toMap());
            }
            m.put("pollPauseMs", POLL_PAUSE_MS);
            m.put("errors", errors);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("targetP99Ms", PUSH_TARGET_MS);
            m.put("metTarget", met());
            return m;
        }
    }

    /**
     * G2, per repetition: {@code last}/{@code median}: from the cause (the PATCH sent) until the last /
     * the median connection had the frame; {@code answered}: the PATCH's answer; {@code floorLast},
     * {@code floorMedian}: from the first post of the floor; {@code floorPosted}: until its last post
     * was answered.
     */
    record Width(int connections, double connectSeconds, int users, Stats last, Stats median, Stats answered,
                 Stats floorLast, Stats floorMedian, Stats floorPosted, int warmup, int errors, String firstError,
                 long frameBytes, double othersCpuPercent, long framesReceived) {
        Floor floor() {
            return last == null || floorLast == null ? null
                    : new Floor("p50 ms to the last connection", last.p50(), floorLast.p50(), WIDTH_FLOOR);
        }

        boolean met() {
            return last != null && errors == 0 && last.max() < WIDTH_TARGET_MS && floor() != null && floor().met();
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connections", connections);
            m.put("users", users);
            m.put("connectSeconds", Stats.round(connectSeconds));
            m.put("warmupRepetitions", warmup);
            m.put("lastConnection", last == null ? null : last.toMap());
            m.put("medianConnection", median == null ? null : median.toMap());
            m.put("causeAnswered", answered == null ? null : answered.toMap());
            m.put("floorLastConnection", floorLast == null ? null : floorLast.toMap());
            m.put("floorMedianConnection", floorMedian == null ? null : floorMedian.toMap());
            m.put("floorAllPostsAnswered", floorPosted == null ? null : floorPosted.toMap());
            if (floor() != null) {
                m.put("floor", floor().toMap());
            }
            m.put("floorConcurrency", FLOOR_CONCURRENCY);
            m.put("frameBytes", frameBytes);
            m.put("framesReceived", framesReceived);
            m.put("errors", errors);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("targetMaxMs", WIDTH_TARGET_MS);
            m.put("metTarget", met());
            return m;
        }
    }

    record Result(String startup, Push push, String pushError, Width width, String widthError,
                  Map<String, String> facts) {
    }

    private RealtimeEndToEnd() {
    }

    static Result run(Path root, boolean quick) throws Exception {
        Path folder = root.resolve("bench/target/bench-g-local");
        Map<String, String> facts = new LinkedHashMap<>();
        try (LocalRuntime local = LocalRuntime.startDemo(root, folder)) {
            String startup = local.inbox().timings().toString();
            System.out.println("  local runtime on a fresh seeded folder: " + startup);
            WebSocketGateway gateway = local.inbox().webSocket().orElseThrow(
                    () -> new IllegalStateException("the template declares no WebSocket API"));
            SqsEventSource fanout = local.inbox().events().sqs().stream()
                    .filter(e -> e.mapping().functionName().equals("RealtimeFanoutFunction")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the local runtime runs no RealtimeFanoutFunction"));
            facts.put("webSocket", gateway.url());
            facts.put("fanoutSource", fanout.queue().name() + " (batch " + fanout.mapping().batchSize() + ")");
            // The functions' configuration, as the runtime set it for them (its system properties).
            Config functions = Config.fromEnvironment();
            facts.put("fanoutConcurrency", functions.get(ConnectionPusher.CONCURRENCY_CONFIG)
                    .orElse(FLOOR_CONCURRENCY + " (the default)"));
            Push push = null;
            String pushError = null;
            try {
                push = push(local, gateway, quick);
            } catch (Exception | LinkageError e) {
                System.out.println("  G1 failed: " + e);
                e.printStackTrace(System.out);
                pushError = e.toString();
            }
            Width width = null;
            String widthError = null;
            try {
                width = width(local, gateway, functions, quick, facts);
            } catch (Exception | LinkageError e) {
                System.out.println("  G2 failed: " + e);
                e.printStackTrace(System.out);
                widthError = e.toString();
            }
            return new Result(startup, push, pushError, width, widthError, facts);
        } finally {
            BenchDatabase.deleteTree(folder);
        }
    }

    // ---- G1 ------------------------------------------------------------------------------------------

    private static Push push(LocalRuntime local, WebSocketGateway gateway, boolean quick) throws Exception {
        int customers = quick ? 3 : 5;
        int warmup = quick ? 10 : 30;
        int measured = quick ? 20 : 100; // of each kind: pushes and floors, alternating
        DataSource ds = local.inbox().database().dataSource();
        String inbound = Sandbox.PREFIX + "/whatsapp/inbound";
        String tag = Long.toString(System.currentTimeMillis(), 36);
        List<UUID> conversations = openConversations(local, ds, inbound, customers);
        long[] first = new long[measured];
        long[] all = new long[measured];
        long[] stored = new long[measured];
        int pushes = 0;
        int floors = 0;
        int errors = 0;
        String firstError = null;
        CpuMeter meter = new CpuMeter(local.inbox().options().dataDir().resolve("postgres"));
        CpuMeter.Snapshot before = null;
        try (RealtimeClients agents = new RealtimeClients(); Connection poll = ds.getConnection();
             PreparedStatement row = poll.prepareStatement("SELECT 1 FROM messages WHERE conversation_id = ?"
                     + " AND direction = 'inbound' AND content = ?")) {
            agents.open(gateway.url(), List.of(local.token(DemoSeed.SAM), local.token(DemoSeed.PRIYA)), 1);
            agents.heartbeat(List.of(0, 1), Duration.ofSeconds(20));
            System.out.printf(Locale.ROOT, "  G1 2 agents connected (%s, %s); %d customers; %d messages of warm-up, then"
                    + " %d pushes and %d floors alternating%n", DemoSeed.SAM.name(), DemoSeed.PRIYA.name(), customers,
                    warmup, measured, measured);
            for (int i = 0; i < warmup + 2 * measured; i++) {
                if (i == warmup) {
                    before = meter.snapshot();
                }
                boolean floor = i >= warmup && (i - warmup) % 2 == 1;
                int c = i % customers;
                String marker = "g1-" + tag + "-" + i;
                String text = "Any news on my delivery? (" + marker + ")";
                RealtimeClients.Watch watch = agents.arm(frame -> frame.startsWith(RECEIVED) && frame.contains(marker));
                long t0 = System.nanoTime();
                String error = InboundEndToEnd.post(local, inbound, InboundEndToEnd.waId(500 + c), c, text);
                long rowAt = 0;
                if (floor && error == null) {
                    row.setObject(1, conversations.get(c));
                    row.setString(2, text);
                    long end = t0 + GIVE_UP.toNanos();
                    while (rowAt == 0 && System.nanoTime() < end) {
                        try (ResultSet r = row.executeQuery()) {
                            if (r.next()) {
                                rowAt = System.nanoTime();
                            }
                        }
                        if (rowAt == 0) {
                            Thread.sleep(POLL_PAUSE_MS);
                        }
                    }
                    if (rowAt == 0) {
                        error = "the row was not in PostgreSQL after " + GIVE_UP.toMillis() + " ms";
                    }
                }
                // Every message's push is awaited (floors too), so one message's push never overlaps the next.
                boolean delivered = error == null && watch.await(GIVE_UP);
                if (error == null && !delivered) {
                    error = "message:received reached " + watch.arrived() + " of 2 clients within " + GIVE_UP.toMillis()
                            + " ms";
                }
                if (i < warmup) {
                    continue;
                }
                if (error != null) {
                    errors++;
                    firstError = firstError == null ? error : firstError;
                    continue;
                }
                if (floor) {
                    stored[floors++] = rowAt - t0;
                } else {
                    long[] at = watch.after(t0);
                    first[pushes] = at[0];
                    all[pushes++] = at[at.length - 1];
                }
            }
        }
        double others = CpuMeter.othersPercent(before, meter.snapshot());
        Push p = new Push(pushes == 0 ? null : Stats.of(first, pushes), pushes == 0 ? null : Stats.of(all, pushes),
                floors == 0 ? null : Stats.of(stored, floors), 2, customers, warmup, errors, firstError, others);
        print("G1", "first client", p.first());
        print("G1", "both clients", p.all());
        print("G1", "floor: row stored", p.stored());
        if (errors > 0) {
            System.out.println("  G1 ERRORS " + errors + ": " + firstError);
        }
        return p;
    }

    /** Each customer's first message opens their conversation (not measured). */
    private static List<UUID> openConversations(LocalRuntime local, DataSource ds, String inbound, int customers)
            throws Exception {
        List<UUID> conversations = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            String waId = InboundEndToEnd.waId(500 + c);
            String error = InboundEndToEnd.post(local, inbound, waId, c, "Hello, where is my parcel?");
            if (error != null) {
                throw new IllegalStateException("the first message of " + waId + ": " + error);
            }
            long end = System.nanoTime() + GIVE_UP.toNanos();
            Optional<UUID> found;
            while ((found = InboundEndToEnd.conversation(ds, waId)).isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            conversations.add(found.orElseThrow(() -> new IllegalStateException(
                    "the first message of " + waId + " did not open a conversation within " + GIVE_UP.toMillis() + " ms")));
        }
        return conversations;
    }

    // ---- G2 ------------------------------------------------------------------------------------------

    private static Width width(LocalRuntime local, WebSocketGateway gateway, Config functions, boolean quick,
                               Map<String, String> facts) throws Exception {
        int warmup = 2;
        int measured = quick ? 3 : 8;
        DataSource ds = local.inbox().database().dataSource();
        UUID conversation = activeConversation(ds);
        RealtimeTable table = new RealtimeTable(AwsClients.dynamo(functions), functions);
        ConnectionRegistry registry = new ConnectionRegistry(table, new ConversationViewers(table));
        String endpoint = functions.get(ConnectionPushModule.ENDPOINT).orElse(gateway.managementEndpoint());
        facts.put("managementEndpoint", endpoint);
        long[] last = new long[measured];
        long[] median = new long[measured];
        long[] answered = new long[measured];
        long[] floorLast = new long[measured];
        long[] floorMedian = new long[measured];
        long[] floorPosted = new long[measured];
        int n = 0;
        int errors = 0;
        String firstError = null;
        long frameBytes = 0;
        CpuMeter meter = new CpuMeter(local.inbox().options().dataDir().resolve("postgres"));
        CpuMeter.Snapshot before = null;
        ExecutorService posters = Executors.newFixedThreadPool(FLOOR_CONCURRENCY, r -> {
            Thread t = new Thread(r, "bench-floor-post");
            t.setDaemon(true);
            return t;
        });
        RealtimeClients clients = new RealtimeClients();
        try (ApiGatewayManagementApiClient api = AwsClients.managementApi(functions, URI.create(endpoint), true)) {
            long c0 = System.nanoTime();
            int perUser = WIDTH / WIDTH_USERS.size();
            List<Integer> heartbeats = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            for (DemoUser user : WIDTH_USERS) {
                heartbeats.add(tokens.size() * perUser); // each user's first connection
                tokens.add(local.token(user));
            }
            clients.open(gateway.url(), tokens, perUser);
            double connectSeconds = (System.nanoTime() - c0) / 1e9;
            clients.heartbeat(heartbeats, Duration.ofSeconds(20));
            List<String> ids = connectionIds(registry, clients.size());
            System.out.printf(Locale.ROOT, "  G2 %,d connections of %d users open in %.1f s (the gateway counts %,d, the"
                            + " registry %,d); conversation %s toggled between active and resolved by %s%n", clients.size(),
                    WIDTH_USERS.size(), connectSeconds, gateway.openConnections(), ids.size(), conversation,
                    DemoSeed.ADA.name());
            String status = currentStatus(ds, conversation);
            for (int rep = 0; rep < warmup + measured; rep++) {
                if (rep == warmup) {
                    before = meter.snapshot();
                }
                // the event: the admin changes the conversation's status over the HTTP API
                String target = status.equals("resolved") ? "active" : "resolved";
                RealtimeClients.Watch event = clients.arm(f -> f.startsWith(STATUS) && f.contains(conversation.toString())
                        && target.equals(statusIn(f)));
                long t0 = System.nanoTime();
                HttpResponse<String> patch = local.send("PATCH", "/api/inbox/conversations/" + conversation + "/status",
                        "{\"status\":\"" + target + "\"}", DemoSeed.ADA);
                long t1 = System.nanoTime();
                String error = patch.statusCode() == 200 ? null
                        : "PATCH " + patch.statusCode() + " " + Measure.abbreviate(patch.body());
                if (error == null && !event.await(GIVE_UP)) {
                    error = "conversation:status reached " + event.arrived() + " of " + clients.size()
                            + " connections within " + GIVE_UP.toMillis() + " ms";
                }
                status = patch.statusCode() == 200 ? target : currentStatus(ds, conversation);
                long[] pushed = event.after(t0);
                String frame = event.sample();
                Thread.sleep(200);
                // the floor: the same frame posted to the same connections, FLOOR_CONCURRENCY at a time
                long[] bare = null;
                long posted = 0;
                if (error == null) {
                    frameBytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    RealtimeClients.Watch same = clients.arm(frame::equals);
                    SdkBytes data = SdkBytes.fromUtf8String(frame);
                    long f0 = System.nanoTime();
                    List<Future<?>> posts = new ArrayList<>(ids.size());
                    for (String id : ids) {
                        posts.add(posters.submit(() -> api.postToConnection(r -> r.connectionId(id).data(data))));
                    }
                    for (Future<?> f : posts) {
                        f.get();
                    }
                    posted = System.nanoTime() - f0;
                    if (!same.await(GIVE_UP)) {
                        error = "the floor's frame reached " + same.arrived() + " of " + clients.size() + " connections";
                    }
                    bare = same.after(f0);
                    Thread.sleep(200);
                }
                if (rep < warmup) {
                    continue;
                }
                if (error != null) {
                    errors++;
                    firstError = firstError == null ? error : firstError;
                    continue;
                }
                last[n] = pushed[pushed.length - 1];
                median[n] = pushed[pushed.length / 2];
                answered[n] = t1 - t0;
                floorLast[n] = bare[bare.length - 1];
                floorMedian[n] = bare[bare.length / 2];
                floorPosted[n] = posted;
                n++;
                System.out.printf(Locale.ROOT, "  G2     repetition %d: event to the last connection %s ms (median %s, the"
                                + " PATCH answered in %s); floor %s ms (median %s)%n", n, Stats.fmt(last[n - 1] / 1e6),
                        Stats.fmt(median[n - 1] / 1e6), Stats.fmt(answered[n - 1] / 1e6),
                        Stats.fmt(floorLast[n - 1] / 1e6), Stats.fmt(floorMedian[n - 1] / 1e6));
            }
            double others = CpuMeter.othersPercent(before, meter.snapshot());
            Width w = new Width(clients.size(), connectSeconds, WIDTH_USERS.size(), n == 0 ? null : Stats.of(last, n),
                    n == 0 ? null : Stats.of(median, n), n == 0 ? null : Stats.of(answered, n),
                    n == 0 ? null : Stats.of(floorLast, n), n == 0 ? null : Stats.of(floorMedian, n),
                    n == 0 ? null : Stats.of(floorPosted, n), warmup, errors, firstError, frameBytes, others,
                    clients.frames());
            print("G2", "last connection", w.last());
            print("G2", "floor: last", w.floorLast());
            if (errors > 0) {
                System.out.println("  G2 ERRORS " + errors + ": " + firstError);
            }
            return w;
        } finally {
            posters.shutdownNow();
            long t = System.nanoTime();
            try {
                // 50 at a time, each batch once the registry lost its connections: locally every $disconnect
                // runs in this JVM against one dynalite, which a thousand at once overwhelm (connect timeouts)
                clients.closePaced(50, () -> registry.ofOrganization(DemoSeed.ACME_ORG, Instant.now()).size(),
                        Duration.ofSeconds(90));
                int registered = registry.ofOrganization(DemoSeed.ACME_ORG, Instant.now()).size();
                System.out.printf(Locale.ROOT, "  G2 connections closed and their $disconnect run in %.1f s (%d still"
                                + " open at the gateway, %d in the registry)%n", (System.nanoTime() - t) / 1e9,
                        gateway.openConnections(), registered);
            } catch (RuntimeException e) {
                System.out.println("  G2 closing the connections: " + e);
                clients.closeAll(Duration.ofSeconds(10));
            }
        }
    }

    /** The organization's open connections in the registry, once all {@code expected} are there (the GSI may lag). */
    private static List<String> connectionIds(ConnectionRegistry registry, int expected) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<LiveConnection> open;
        while ((open = registry.ofOrganization(DemoSeed.ACME_ORG, Instant.now())).size() < expected
                && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        if (open.size() != expected) {
            throw new IllegalStateException("the registry holds " + open.size() + " connections of the organization, not "
                    + expected);
        }
        return open.stream().map(LiveConnection::connectionId).toList();
    }

    /** An active conversation of the demo organization (its contact has no other open one: it can toggle). */
    private static UUID activeConversation(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM conversations WHERE organization_id = ? AND status = 'active' ORDER BY id LIMIT 1")) {
            s.setObject(1, DemoSeed.ACME_ORG);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("the demo organization has no active conversation");
                }
                return r.getObject(1, UUID.class);
            }
        }
    }

    private static String currentStatus(DataSource ds, UUID conversation) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT status FROM conversations WHERE id = ?")) {
            s.setObject(1, conversation);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** The status a {@code conversation:status} frame announces (its data is the payload as stored: jsonb's spacing). */
    private static String statusIn(String frame) {
        JsonNode node = Workload.parse(frame);
        return node == null ? null : node.path("data").path("status").asText(null);
    }

    private static void print(String part, String what, Stats st) {
        if (st == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "  %-6s %-20s p50 %8s  p90 %8s  p99 %8s  max %8s ms  n=%d%n", part, what,
                Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()), st.count());
    }
}
