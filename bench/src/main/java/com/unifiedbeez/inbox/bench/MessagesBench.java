package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.bench.Workload.Scenario;
import com.unifiedbeez.inbox.bench.Workload.Who;
import com.unifiedbeez.inbox.functions.messages.DaggerMessagesComponent;
import com.unifiedbeez.inbox.functions.messages.MessagesComponent;
import com.unifiedbeez.inbox.functions.messages.MessagesHandler;
import com.unifiedbeez.inbox.local.aws.LocalAwsServices;
import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Part E: the messages function in-process. The real {@code MessagesHandler} (its Dagger component)
 * on the bench database, with the template's outbound FIFO queue on an in-process ElasticMQ and its
 * media bucket on an in-process S3Proxy (the local runtime's stand-ins, {@link LocalAwsServices}).
 *
 * <ol>
 *   <li>Search and history: single-threaded latency, measured like part B ({@link Measure}).</li>
 *   <li>Sends ({@code POST /api/inbox/messages/send}): one thread on the default pool, then several
 *       threads on a larger pool for throughput. Every accepted send is then checked to be stored
 *       {@code queued} with {@code enqueued_at} set, and the queue to hold that many messages.</li>
 * </ol>
 *
 * <p>The sends change the cached data set; the part puts it back. Each send carries an
 * Idempotency-Key starting with {@value #KEY_PREFIX}; the conversations sent to are copied first to
 * the table {@value #BEFORE_TABLE}. Afterwards (and at the start, after a run that died half-way)
 * the bench's messages are deleted, the conversations restored from the copy, the copy dropped and
 * both tables vacuumed, so later parts and runs see the data set as generated.
 */
final class MessagesBench {
    static final String BASE = "/api/inbox/messages";
    static final String SEND = BASE + "/send";
    static final String SEARCH = BASE + "/search";
    static final String HISTORY = BASE + "/{conversationId}";
    static final double SEND_TARGET_MS = 30;
    static final double SEND_TARGET_PER_SECOND = 500;
    static final double SEARCH_TARGET_MS = 100;
    static final double HISTORY_TARGET_MS = 10;
    /** The Idempotency-Key prefix of every send the bench makes: how its rows are found and deleted. */
    static final String KEY_PREFIX = "bench-e-";
    /** The conversations sent to, as they were before (restored afterwards). */
    static final String BEFORE_TABLE = "bench_e_conversations_before";
    /** INBOX_DB_POOL_SIZE for the throughput runs (the function's default is 2). */
    static final int THROUGHPUT_POOL = 8;
    private static final String[] WINDOWED_CHANNELS = {"whatsapp", "instagram", "messenger"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One send configuration's figures. */
    record SendRun(String id, String title, int threads, int poolSize, Stats stats, double wallSeconds,
                   double perSecond, int errors, String firstError, double othersCpuPercent, double handlerCpuMsPerSend,
                   double restOfJvmCpuMsPerSend, double postgresCpuMsPerSend, boolean throughputRow, SendRun bare) {
        /** The same configuration's floor: the send's transaction and SendMessage, bare. */
        SendRun withBare(SendRun floor) {
            return new SendRun(id, title, threads, poolSize, stats, wallSeconds, perSecond, errors, firstError,
                    othersCpuPercent, handlerCpuMsPerSend, restOfJvmCpuMsPerSend, postgresCpuMsPerSend, throughputRow, floor);
        }

        /** sends/s against the floor's (no target on the ratio: the send's targets are absolute). */
        Floor floor() {
            return bare == null ? null : new Floor("sends/s", perSecond, bare.perSecond(), null);
        }

        boolean latencyMissed() {
            return stats.p99() > SEND_TARGET_MS;
        }

        boolean throughputMissed() {
            return throughputRow && perSecond < SEND_TARGET_PER_SECOND;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("request", "POST " + SEND);
            m.put("threads", threads);
            m.put("dbPoolSize", poolSize);
            m.putAll(stats.toMap());
            m.put("requestsPerSecond", Stats.round(perSecond)); // accepted sends / wall-clock seconds
            m.put("wallSeconds", Stats.round(wallSeconds));
            m.put("errors", errors);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("cpuMsPerSend", Map.of("handlerThreads", Stats.round(handlerCpuMsPerSend),
                    "restOfJvm", Stats.round(restOfJvmCpuMsPerSend), "postgres", Stats.round(postgresCpuMsPerSend)));
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("targetP99Ms", SEND_TARGET_MS);
            m.put("metTarget", errors == 0 && !latencyMissed());
            if (throughputRow) {
                m.put("targetRequestsPerSecond", SEND_TARGET_PER_SECOND);
                m.put("metThroughputTarget", errors == 0 && !latencyMissed() && !throughputMissed());
            }
            if (bare != null) {
                Map<String, Object> f = new LinkedHashMap<>(floor().toMap());
                f.put("floorStats", bare.stats().toMap());
                f.put("floorErrors", bare.errors());
                m.put("floor", f);
            }
            return m;
        }
    }

    /** What was checked after the sends, before the cleanup. */
    record Verification(long accepted, long rows, long queuedAndEnqueued, long notEnqueued, long otherStatus,
                        long conversations, long queueVisible, long queueInFlight, long queueDelayed, int sampled,
                        int sampledMatching, long queueAfterPurge) {
        boolean ok() {
            return rows == accepted && queuedAndEnqueued == accepted && queueVisible + queueInFlight + queueDelayed == accepted
                    && sampled == sampledMatching && queueAfterPurge == 0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("acceptedSends", accepted);
            m.put("rowsWithBenchKey", rows);
            m.put("queuedWithEnqueuedAt", queuedAndEnqueued);
            m.put("queuedWithoutEnqueuedAt", notEnqueued);
            m.put("otherStatus", otherStatus);
            m.put("conversations", conversations);
            m.put("queueMessagesVisible", queueVisible);
            m.put("queueMessagesInFlight", queueInFlight);
            m.put("queueMessagesDelayed", queueDelayed);
            m.put("sampledQueueMessages", sampled);
            m.put("sampledMatchingStoredSends", sampledMatching);
            m.put("queueMessagesAfterPurge", queueAfterPurge);
            m.put("ok", ok());
            return m;
        }
    }

    /**
     * The floor of a send: the INSERT and UPDATE of the send's transaction as the handler ran them,
     * and the values a replay renews (the message id and key, the conversation and its connection).
     */
    record BareSend(JdbcScript transaction, UUID message, String key, UUID conversation, UUID connection) {
    }

    /** A plan captured for one request, and why. */
    record Plan(Measure.Result result, String reason, String text) {
    }

    record Result(List<Measure.Result> requests, Measure.Floors floors, Map<String, Long> matches, List<Plan> plans,
                  List<SendRun> sends, Verification verification, String cleanup, String setup, Map<String, String> facts,
                  PlanCheck planCheck) {
    }

    /**
     * When a search misses its target: the search statement run as the handler runs it and with custom
     * plans forced, and its custom and generic plans ({@link SearchPlans}).
     */
    record PlanCheck(String sql, boolean sqlIsHandlers, List<Map<String, Object>> rows, String plans) {
    }

    private MessagesBench() {
    }

    static Result run(Path root, BenchDatabase db, Workload workload, boolean quick, Measure.Settings settings, Path home)
            throws Exception {
        DataSource admin = db.dataSource();
        String restored = cleanup(admin, workload.organization);
        if (!restored.isEmpty()) {
            System.out.println("  an earlier run left its sends behind: " + restored);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("sizesBefore", sizes(admin));
        Path s3 = root.resolve("bench/target/bench-e-s3");
        BenchDatabase.deleteTree(s3);
        long t0 = System.nanoTime();
        String region = AwsConfig.DEFAULT_REGION;
        try (LocalAwsServices aws = LocalAwsServices.start(region, 0, 0, s3)) {
            LocalResources resources = LocalResources.create(SamTemplate.load(root.resolve("template.yaml")), aws.sqs(),
                    aws.s3(), region);
            String queueUrl = resources.queue("OutboundQueue").orElseThrow(
                    () -> new IllegalStateException("template.yaml has no OutboundQueue")).url();
            LocalResources.LocalBucket bucket = resources.buckets().get("MediaBucket");
            if (bucket == null) {
                throw new IllegalStateException("template.yaml has no MediaBucket");
            }
            String setup = String.format(Locale.ROOT, "ElasticMQ %d ms, S3Proxy %d ms, the template's queues and bucket;"
                            + " ready in %d ms", aws.sqsStartMs(), aws.s3StartMs(), (System.nanoTime() - t0) / 1_000_000);
            facts.put("queue", queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
            facts.put("bucket", bucket.name());
            Map<String, String> values = new HashMap<>(aws.properties());
            values.put(Config.DB_URL, db.plainJdbcUrl());
            values.put(Config.DB_USER, "postgres");
            values.put(Config.DB_PASSWORD, "postgres");
            values.put(SqsOutboundQueue.QUEUE_URL, queueUrl);
            values.put(S3MediaStorage.BUCKET, bucket.name());
            Config config = Config.of(values);
            aws.sqs().purgeQueue(p -> p.queueUrl(queueUrl));

            // ---- search and history (before the sends: the data set as generated) -------------------
            Targets targets = Targets.find(admin, workload);
            facts.putAll(targets.facts());
            List<Scenario> scenarios = targets.scenarios(workload);
            List<Measure.Result> requests;
            Map<String, Long> matches = targets.matches(admin, scenarios);
            try (Transport transport = new Transport(config)) {
                Scenario latest = scenarios.stream().filter(s -> s.id().equals("msg-history-latest")).findFirst().orElseThrow();
                Scenario before = scenarios.stream().filter(s -> s.id().equals("msg-history-before")).findFirst().orElseThrow();
                JsonNode page = Workload.parse(transport.call(latest).body());
                String cursor = page == null ? null : page.path("nextCursor").asText(null);
                if (cursor == null) { // a tiny data set: no conversation has two pages
                    System.out.println("  the longest history has one page only: no `before` page to measure");
                    scenarios.remove(before);
                } else {
                    before.query().put("before", cursor);
                }
                requests = Measure.run("E", transport, scenarios, settings, new CpuMeter(home.resolve("postgres")));
            }
            // The floors: each request's own SQL, recorded from a handler of its own, over plain JDBC.
            Measure.Floors floors;
            try (Transport recorder = new Transport(config.with(Config.DB_URL, JdbcScript.recordingUrl(db.plainJdbcUrl())))) {
                floors = Measure.Floors.measure("floor", recorder, scenarios, db.plainJdbcUrl(), settings,
                        new CpuMeter(home.resolve("postgres")));
            }
            List<Plan> plans = new ArrayList<>();
            Map<Measure.Result, String> capture = new LinkedHashMap<>();
            requests.stream().filter(Measure.Result::missed).forEach(r -> capture.put(r, "missed its target"));
            for (String path : List.of(SEARCH, "history")) {
                requests.stream().filter(r -> path.equals(SEARCH) == r.scenario().path().equals(SEARCH))
                        .max(java.util.Comparator.comparingDouble(r -> r.stats().p99()))
                        .ifPresent(r -> capture.putIfAbsent(r, "slowest " + (path.equals(SEARCH) ? "search" : "history")
                                + " request (target met)"));
            }
            for (Map.Entry<Measure.Result, String> e : capture.entrySet()) {
                Measure.Result r = e.getKey();
                System.out.println("  capturing the plan of " + r.scenario().id() + ": " + e.getValue() + " (p99 "
                        + Stats.fmt(r.stats().p99()) + " ms, target " + Stats.fmt(r.scenario().targetMs()) + " ms)");
                String marker = r.scenario().path().equals(SEARCH) ? "websearch_to_tsquery" : "ORDER BY platform_timestamp";
                String plan = Explain.capture(admin, db.serverLog(), r.scenario(), () -> {
                    Transport fresh = new Transport(config);
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
                }, marker);
                plans.add(new Plan(r, e.getValue(), plan));
            }
            PlanCheck planCheck = null;
            List<Scenario> missedSearches = requests.stream()
                    .filter(r -> r.missed() && r.scenario().path().equals(SEARCH)).map(Measure.Result::scenario).toList();
            if (!missedSearches.isEmpty()) {
                System.out.println("  a search missed its target: its statement with the default plan cache and with custom"
                        + " plans, and its plans");
                boolean sqlIsHandlers = plans.stream().filter(p -> p.result().scenario().path().equals(SEARCH))
                        .anyMatch(p -> SearchPlans.isHandlers(p.text()));
                List<Scenario> explained = new ArrayList<>();
                scenarios.stream().filter(s -> s.id().equals("msg-search-rare")).forEach(explained::add);
                missedSearches.stream().filter(s -> !explained.contains(s)).forEach(explained::add);
                planCheck = SearchPlans.measure(admin, workload.organization, scenarios, explained, sqlIsHandlers, quick);
            }

            // ---- sends ------------------------------------------------------------------------------------
            List<SendRun> sends = new ArrayList<>();
            Verification verification;
            String cleanup;
            try {
                Senders senders = Senders.prepare(admin, workload, targets, quick ? 600 : 4000);
                facts.putAll(senders.facts);
                double warm = quick ? 0.5 : 2;
                double window = quick ? 1 : 6;
                Config pooled = config.with(Config.DB_POOL_SIZE, Integer.toString(THROUGHPUT_POOL));
                try (Transport one = new Transport(config); Transport many = new Transport(pooled)) {
                    // The send path (handler, SDK client, ElasticMQ) is new to this JVM: let the JIT compile it
                    // before anything is measured (on 2 CPUs the compiler threads otherwise compete with it).
                    System.out.println("  warming up the send path (JIT): 4 threads, " + (quick ? 1 : 10) + " s, not measured");
                    senders.measure("send-warmup", "warm-up", many, 4, THROUGHPUT_POOL, quick ? 1 : 10, 0.2, true,
                            new CpuMeter(home.resolve("postgres")));
                    sends.add(senders.measure("send-1", "1 thread, pool 2 (the function's default)", one, 1, 2, warm,
                            window, false, new CpuMeter(home.resolve("postgres"))));
                    for (int threads : new int[] {2, 4, 8}) {
                        sends.add(senders.measure("send-" + threads, threads + " threads, pool " + THROUGHPUT_POOL, many,
                                threads, THROUGHPUT_POOL, warm, window, true, new CpuMeter(home.resolve("postgres"))));
                    }
                }
                verification = verify(admin, workload.organization, senders.accepted.get(), aws, queueUrl);
                System.out.println("  verification: " + verification.toMap());
                // The floors, after the check (their rows carry the bench's key too, and go with the cleanup).
                BareSend bare;
                try (Transport recorder = new Transport(config.with(Config.DB_URL,
                        JdbcScript.recordingUrl(db.plainJdbcUrl())))) {
                    bare = senders.recordBare(recorder.handler);
                }
                System.out.println("  floor: the send's INSERT and UPDATE in one transaction + SendMessage; the statements: "
                        + bare.transaction().statements());
                facts.put("floorStatements", String.join("\n", bare.transaction().statements()));
                try (var sqs = com.unifiedbeez.inbox.platform.aws.AwsClients.sqs(config)) {
                    for (int i = 0; i < sends.size(); i++) {
                        SendRun r = sends.get(i);
                        sends.set(i, r.withBare(senders.measureBare(r, bare, sqs, queueUrl, db.plainJdbcUrl(), warm,
                                window, new CpuMeter(home.resolve("postgres")))));
                    }
                }
            } finally {
                cleanup = cleanup(admin, workload.organization);
                facts.put("sizesAfter", sizes(admin));
                System.out.println("  cleanup: " + cleanup + "; sizes before the part: " + facts.get("sizesBefore")
                        + ", after: " + facts.get("sizesAfter"));
                aws.sqs().purgeQueue(p -> p.queueUrl(queueUrl));
            }
            return new Result(requests, floors, matches, plans, sends, verification, cleanup, setup, facts, planCheck);
        } finally {
            BenchDatabase.deleteTree(s3);
        }
    }

    // ---- the requests measured -------------------------------------------------------------------------

    /** The conversations and words the requests use, found in the generated data. */
    record Targets(UUID historyConversation, long historyMessages, UUID searchConversation, long searchConversationMessages,
                   long organizationMessages) {
        static final String RARE = "chargeback";
        static final String COMMON = "order";
        static final String PHRASE = "\"full refund\"";

        static Targets find(DataSource ds, Workload w) throws SQLException {
            try (Connection c = ds.getConnection()) {
                // The longest history of the organization; its search uses the common word.
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT conversation_id, count(*) FROM messages WHERE organization_id = ?
                         GROUP BY conversation_id ORDER BY count(*) DESC, conversation_id LIMIT 1""")) {
                    s.setObject(1, w.organization);
                    UUID id;
                    long messages;
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        id = r.getObject(1, UUID.class);
                        messages = r.getLong(2);
                    }
                    try (PreparedStatement all = c.prepareStatement("SELECT count(*) FROM messages WHERE organization_id = ?")) {
                        all.setObject(1, w.organization);
                        try (ResultSet r = all.executeQuery()) {
                            r.next();
                            return new Targets(id, messages, id, messages, r.getLong(1));
                        }
                    }
                }
            }
        }

        Map<String, String> facts() {
            return Map.of("historyConversation", historyConversation.toString(),
                    "historyConversationMessages", Long.toString(historyMessages),
                    "organizationMessages", String.format(Locale.ROOT, "%,d", organizationMessages));
        }

        List<Scenario> scenarios(Workload w) {
            Who agent = w.quietAgent;
            List<Scenario> list = new ArrayList<>();
            list.add(search("msg-search-rare", "rare word \"" + RARE + "\"", agent, "q", RARE));
            list.add(search("msg-search-common", "common word \"" + COMMON + "\"", agent, "q", COMMON));
            list.add(search("msg-search-phrase", "phrase " + PHRASE, agent, "q", PHRASE));
            list.add(search("msg-search-conversation", "\"" + COMMON + "\" in one conversation (" + searchConversationMessages
                    + " messages)", agent, "q", COMMON, "conversationId", searchConversation.toString()));
            Map<String, String> latest = new LinkedHashMap<>();
            latest.put("limit", "50");
            list.add(new Scenario("msg-history-latest", "latest page of the longest history (" + historyMessages
                    + " messages)", BASE + "/" + historyConversation, latest, agent, HISTORY_TARGET_MS, false));
            Map<String, String> older = new LinkedHashMap<>();
            older.put("limit", "50");
            // "before" is filled in with the latest page's nextCursor before measuring
            list.add(new Scenario("msg-history-before", "the page before it (before = the latest page's nextCursor)",
                    BASE + "/" + historyConversation, older, agent, HISTORY_TARGET_MS, false));
            return list;
        }

        private static Scenario search(String id, String title, Who who, String... query) {
            Map<String, String> q = new LinkedHashMap<>();
            for (int i = 0; i < query.length; i += 2) {
                q.put(query[i], query[i + 1]);
            }
            return new Scenario(id, title, SEARCH, q, who, SEARCH_TARGET_MS, false);
        }

        /** How many of the organization's messages each search matches (the handler's predicate). */
        Map<String, Long> matches(DataSource ds, List<Scenario> scenarios) throws SQLException {
            Map<String, Long> result = new LinkedHashMap<>();
            try (Connection c = ds.getConnection()) {
                for (Scenario s : scenarios) {
                    if (!s.path().equals(SEARCH)) {
                        continue;
                    }
                    String conversation = s.query().get("conversationId");
                    try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM messages m"
                            + " WHERE m.organization_id = ? AND m.deleted_at IS NULL"
                            + " AND m.search @@ websearch_to_tsquery('english', ?)"
                            + (conversation == null ? "" : " AND m.conversation_id = ?"))) {
                        p.setObject(1, s.who().organization());
                        p.setString(2, s.query().get("q"));
                        if (conversation != null) {
                            p.setObject(3, UUID.fromString(conversation));
                        }
                        try (ResultSet r = p.executeQuery()) {
                            r.next();
                            result.put(s.id(), r.getLong(1));
                        }
                    }
                }
            }
            return result;
        }
    }

    /** The real handler in this JVM, with its own component (pool, SQS and S3 clients). */
    static final class Transport implements Measure.Transport, AutoCloseable {
        final MessagesHandler handler;
        private final DataSource dataSource;

        Transport(Config config) {
            MessagesComponent component = DaggerMessagesComponent.factory().create(config);
            this.handler = new MessagesHandler(component);
            this.dataSource = component.dataSource();
        }

        @Override
        public Measure.Answer call(Scenario s) {
            HttpEventBuilder<?> request;
            if (s.path().equals(SEARCH)) {
                request = HttpEventBuilder.request("GET", SEARCH);
            } else if (s.path().startsWith(BASE + "/")) {
                request = HttpEventBuilder.request("GET", HISTORY)
                        .path("conversationId", s.path().substring(BASE.length() + 1));
            } else {
                throw new IllegalArgumentException("not a messages GET route: " + s.path());
            }
            APIGatewayV2HTTPResponse response = handler.handleRequest(
                    request.query(s.query()).claims(s.who().claims()).build(), null);
            return new Measure.Answer(response.getStatusCode(), response.getBody());
        }

        @Override
        public void close() {
            if (dataSource instanceof HikariDataSource hikari) {
                hikari.close();
            }
        }
    }

    // ---- sends -----------------------------------------------------------------------------------------

    /** The conversations sent to (split between threads: a send locks its conversation's row) and the agents. */
    static final class Senders {
        final List<UUID> conversations;
        final List<UUID> agents;
        final UUID organization;
        final List<String> replies;
        /** Each conversation's channel connection (for the floor's replayed INSERT). */
        final Map<UUID, UUID> connections;
        final String runTag = Long.toString(System.currentTimeMillis(), 36);
        final AtomicLong sequence = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final Map<String, String> facts = new LinkedHashMap<>();

        private Senders(UUID organization, List<UUID> conversations, Map<UUID, UUID> connections, List<UUID> agents,
                        List<String> replies) {
            this.organization = organization;
            this.connections = connections;
            this.conversations = conversations;
            this.agents = agents;
            this.replies = replies;
        }

        /**
         * Picks {@code count} open conversations (new or active: a send makes its conversation active, and
         * a reopened one could collide with the contact's other open conversation) spread over every
         * channel, copies them to {@value #BEFORE_TABLE}, and opens the reply window of those on a
         * channel that has one (WhatsApp 24 h, Instagram and Messenger 7 days) by setting
         * last_inbound_at an hour back.
         */
        static Senders prepare(DataSource ds, Workload w, Targets targets, int count) throws SQLException {
            List<UUID> conversations = new ArrayList<>();
            Map<UUID, UUID> connections = new HashMap<>();
            Map<String, Integer> byChannel = new LinkedHashMap<>();
            List<UUID> agents = new ArrayList<>();
            int windowed;
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("""
                        SELECT id, channel, channel_connection_id FROM conversations
                         WHERE organization_id = ? AND status IN ('new', 'active') AND id <> ?
                         ORDER BY md5(id::text) LIMIT ?""")) {
                    s.setObject(1, w.organization);
                    s.setObject(2, targets.historyConversation());
                    s.setInt(3, count);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            conversations.add(r.getObject(1, UUID.class));
                            byChannel.merge(r.getString(2), 1, Integer::sum);
                            connections.put(r.getObject(1, UUID.class), r.getObject(3, UUID.class));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id FROM users WHERE organization_id = ? AND role = 'agent' ORDER BY id")) {
                    s.setObject(1, w.organization);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            agents.add(r.getObject(1, UUID.class));
                        }
                    }
                }
                Array ids = c.createArrayOf("uuid", conversations.toArray());
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + BEFORE_TABLE + " (id uuid PRIMARY KEY, status text, last_message_at timestamptz,"
                            + " last_message_preview text, updated_at timestamptz, last_inbound_at timestamptz)");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + BEFORE_TABLE
                        + " SELECT id, status, last_message_at, last_message_preview, updated_at, last_inbound_at"
                        + " FROM conversations WHERE id = ANY(?)")) {
                    s.setArray(1, ids);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE conversations SET last_inbound_at = now() - interval '1 hour'"
                        + " WHERE id = ANY(?) AND channel = ANY(?)")) {
                    s.setArray(1, ids);
                    s.setArray(2, c.createArrayOf("text", WINDOWED_CHANNELS));
                    windowed = s.executeUpdate();
                }
                c.commit();
            }
            List<String> replies = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 256; i++) {
                String[] topic = Vocabulary.AGENT_REPLIES[random.nextInt(Vocabulary.AGENT_REPLIES.length)];
                replies.add(Vocabulary.fill(random, Vocabulary.pick(random, topic),
                        Vocabulary.pick(random, Vocabulary.FIRST_NAMES)));
            }
            Senders senders = new Senders(w.organization, conversations, connections, agents, replies);
            senders.facts.put("sendConversations", Integer.toString(conversations.size()));
            senders.facts.put("sendConversationsByChannel", String.join(", ", byChannel.entrySet().stream()
                    .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue())).toList()));
            senders.facts.put("replyWindowsOpened", Integer.toString(windowed));
            senders.facts.put("sendingAgents", Integer.toString(agents.size()));
            System.out.println("  sends go to " + conversations.size() + " open conversations " + byChannel + " from "
                    + agents.size() + " agents; reply windows opened on " + windowed);
            return senders;
        }

        private String body(UUID conversation, String content) {
            return "{\"conversationId\":\"" + conversation + "\",\"content\":" + quote(content) + "}";
        }

        private static String quote(String s) {
            try {
                return JSON.writeValueAsString(s);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** One send through the handler: 202 counts as accepted. Returns null or the error. */
        private String send(MessagesHandler handler, int slot, SplittableRandom random) {
            long n = sequence.incrementAndGet();
            UUID conversation = conversations.get(slot);
            UUID agent = agents.get((int) (n % agents.size()));
            var event = HttpEventBuilder.request("POST", SEND).header("idempotency-key", KEY_PREFIX + runTag + "-" + n)
                    .claims(Workload.claims(agent, organization, "agent"))
                    .body(body(conversation, replies.get(random.nextInt(replies.size())))).build();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            if (response.getStatusCode() == 202) {
                accepted.incrementAndGet();
                return null;
            }
            return response.getStatusCode() + " " + Measure.abbreviate(response.getBody());
        }

        /**
         * {@code threads} closed-loop senders on one handler: a warm-up of {@code warmSeconds}, then
         * {@code seconds} measured. Thread t sends to the conversations whose index is t modulo threads,
         * in turn, so no two threads wait on one conversation's lock.
         */
        SendRun measure(String id, String title, Transport transport, int threads, int poolSize, double warmSeconds,
                        double seconds, boolean throughputRow, CpuMeter meter) throws Exception {
            MessagesHandler handler = transport.handler;
            ClosedLoop.Run run = ClosedLoop.run(threads, warmSeconds, seconds, meter, thread -> {
                SplittableRandom random = new SplittableRandom(1000 + thread);
                int[] slot = {thread};
                return () -> {
                    String error = send(handler, slot[0], random);
                    slot[0] = next(slot[0], thread, threads);
                    return error;
                };
            });
            Stats stats = run.stats();
            SendRun result = new SendRun(id, title, threads, poolSize, stats, run.wallSeconds(), run.callsPerSecond(),
                    (int) run.errors(), run.firstError(), run.othersCpuPercent(), run.threadCpuMsPerCall(),
                    run.restOfJvmCpuMsPerCall(), run.postgresCpuMsPerCall(), throughputRow, null);
            System.out.printf(Locale.ROOT, "  E      %-22s p50 %8s  p90 %8s  p99 %8s  max %8s ms  %7.1f sends/s  n=%-6d"
                            + " CPU/send: handler %.2f, rest of JVM %.2f, PostgreSQL %.2f ms  others %3.0f%% CPU%s%n",
                    id, Stats.fmt(stats.p50()), Stats.fmt(stats.p90()), Stats.fmt(stats.p99()), Stats.fmt(stats.max()),
                    result.perSecond(), stats.count(), result.handlerCpuMsPerSend(), result.restOfJvmCpuMsPerSend(),
                    result.postgresCpuMsPerSend(), result.othersCpuPercent(),
                    run.errors() > 0 ? "  ERRORS " + run.errors() + ": " + run.firstError() : "");
            return result;
        }

        /**
         * One send through {@code recordingHandler} (a handler on a recording connection): what its first
         * transaction wrote, the INSERT of the message and the UPDATE of the conversation, as it ran them.
         */
        BareSend recordBare(MessagesHandler recordingHandler) throws Exception {
            long n = sequence.incrementAndGet();
            UUID conversation = conversations.get(0);
            String key = KEY_PREFIX + runTag + "-" + n;
            var event = HttpEventBuilder.request("POST", SEND).header("idempotency-key", key)
                    .claims(Workload.claims(agents.get(0), organization, "agent"))
                    .body(body(conversation, replies.get(0))).build();
            var recorded = JdbcScript.record(() -> recordingHandler.handleRequest(event, null));
            if (recorded.value().getStatusCode() != 202) {
                throw new IllegalStateException("recording a send for its floor: " + recorded.value().getStatusCode()
                        + " " + Measure.abbreviate(recorded.value().getBody()));
            }
            UUID message = UUID.fromString(JSON.readTree(recorded.value().getBody()).path("id").asText());
            JdbcScript transaction = recorded.script().keep(sql -> sql.strip().startsWith("INSERT INTO messages")
                    || sql.strip().startsWith("UPDATE conversations"));
            if (transaction.executions() != 2) {
                throw new IllegalStateException("the recorded send ran " + transaction.statements()
                        + ": expected an INSERT INTO messages and an UPDATE conversations");
            }
            return new BareSend(transaction, message, key, conversation, connections.get(conversation));
        }

        /**
         * The floor of {@code of}: the same threads, each on a plain connection, each on its share of the
         * conversations, replay the recorded transaction (a new message id and key each time, the
         * conversation and its connection of the slot) and send the message's body to the queue.
         */
        SendRun measureBare(SendRun of, BareSend bare, SqsClient sqs, String queueUrl, String jdbcUrl, double warmSeconds,
                            double seconds, CpuMeter meter) throws Exception {
            int threads = of.threads();
            List<Connection> plain = new ArrayList<>();
            try {
                for (int t = 0; t < threads; t++) {
                    plain.add(JdbcScript.plainConnection(jdbcUrl));
                }
                ClosedLoop.Run run = ClosedLoop.run(threads, warmSeconds, seconds, meter, thread -> {
                    int[] slot = {thread};
                    Connection c = plain.get(thread);
                    return () -> {
                        UUID id = Ids.newId();
                        UUID conversation = conversations.get(slot[0]);
                        Map<Object, Object> renewed = new HashMap<>();
                        renewed.put(bare.message(), id);
                        renewed.put(bare.key(), KEY_PREFIX + runTag + "-floor-" + sequence.incrementAndGet());
                        renewed.put(bare.conversation(), conversation);
                        if (bare.connection() != null) {
                            renewed.put(bare.connection(), connections.get(conversation));
                        }
                        bare.transaction().with(renewed).replay(c);
                        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageGroupId(conversation.toString())
                                .messageDeduplicationId(id.toString()).messageBody("{\"messageId\":\"" + id
                                        + "\",\"organizationId\":\"" + organization + "\",\"conversationId\":\""
                                        + conversation + "\"}"));
                        slot[0] = next(slot[0], thread, threads);
                        return null;
                    };
                });
                SendRun result = new SendRun(of.id() + "-floor", of.title(), threads, threads, run.stats(),
                        run.wallSeconds(), run.callsPerSecond(), (int) run.errors(), run.firstError(),
                        run.othersCpuPercent(), run.threadCpuMsPerCall(), run.restOfJvmCpuMsPerCall(),
                        run.postgresCpuMsPerCall(), of.throughputRow(), null);
                System.out.printf(Locale.ROOT, "  E      %-22s p50 %8s  p90 %8s  p99 %8s  max %8s ms  %7.1f sends/s  n=%-6d%n",
                        result.id(), Stats.fmt(run.stats().p50()), Stats.fmt(run.stats().p90()),
                        Stats.fmt(run.stats().p99()), Stats.fmt(run.stats().max()), result.perSecond(),
                        run.stats().count());
                return result;
            } finally {
                for (Connection c : plain) {
                    c.close();
                }
            }
        }

        private int next(int slot, int thread, int threads) {
            int n = slot + threads;
            return n < conversations.size() ? n : thread;
        }
    }

    /** Every accepted send is a stored row, queued and handed to the queue; the queue holds each one once. */
    static Verification verify(DataSource ds, UUID organization, long accepted, LocalAwsServices aws, String queueUrl)
            throws SQLException {
        long rows;
        long queuedAndEnqueued;
        long notEnqueued;
        long other;
        long conversations;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*),
                       count(*) FILTER (WHERE status = 'queued' AND enqueued_at IS NOT NULL),
                       count(*) FILTER (WHERE status = 'queued' AND enqueued_at IS NULL),
                       count(*) FILTER (WHERE status IS DISTINCT FROM 'queued'),
                       count(DISTINCT conversation_id)
                  FROM messages WHERE organization_id = ? AND idempotency_key LIKE ?""")) {
            s.setObject(1, organization);
            s.setString(2, KEY_PREFIX + "%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                rows = r.getLong(1);
                queuedAndEnqueued = r.getLong(2);
                notEnqueued = r.getLong(3);
                other = r.getLong(4);
                conversations = r.getLong(5);
            }
        }
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        long visible = Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "-1"));
        long inFlight = Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        long delayed = Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
        // A sample off the queue: each body names a stored bench send of its message group's conversation.
        List<Message> sample = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .messageSystemAttributeNamesWithStrings("MessageGroupId")).messages();
        int matching = 0;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM messages WHERE organization_id = ? AND id = ? AND conversation_id = ?
                   AND status = 'queued' AND idempotency_key LIKE ?""")) {
            for (Message m : sample) {
                try {
                    JsonNode body = JSON.readTree(m.body());
                    String group = m.attributesAsStrings().get("MessageGroupId");
                    if (group != null && !group.equals(body.path("conversationId").asText())) {
                        continue;
                    }
                    s.setObject(1, UUID.fromString(body.path("organizationId").asText()));
                    s.setObject(2, UUID.fromString(body.path("messageId").asText()));
                    s.setObject(3, UUID.fromString(body.path("conversationId").asText()));
                    s.setString(4, KEY_PREFIX + "%");
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getLong(1) == 1 && UUID.fromString(body.path("organizationId").asText()).equals(organization)) {
                            matching++;
                        }
                    }
                } catch (Exception e) {
                    // counted as not matching
                }
            }
        }
        aws.sqs().purgeQueue(p -> p.queueUrl(queueUrl));
        Map<QueueAttributeName, String> after = aws.sqs().getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        long left = Long.parseLong(after.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "-1"))
                + Long.parseLong(after.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
        return new Verification(accepted, rows, queuedAndEnqueued, notEnqueued, other, conversations, visible, inFlight,
                delayed, sample.size(), matching, left);
    }

    /** The on-disk size of the tables the sends write to, with their indexes (what a run leaves behind). */
    static String sizes(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT pg_size_pretty(pg_total_relation_size('messages')), pg_size_pretty(pg_relation_size('messages_search')),"
                        + " pg_size_pretty(pg_total_relation_size('conversations'))")) {
            r.next();
            return "messages " + r.getString(1) + " (GIN messages_search " + r.getString(2) + "), conversations "
                    + r.getString(3);
        }
    }

    /**
     * Deletes the bench's sends (by their Idempotency-Key prefix), restores the conversations they went
     * to from {@value #BEFORE_TABLE} and drops it, then vacuums both tables (dead rows gone, visibility
     * map set again for index-only scans, the GIN pending list merged). Returns what it did ("" if nothing).
     */
    static String cleanup(DataSource ds, UUID organization) throws SQLException {
        long deleted;
        long restored = 0;
        boolean hadCopy;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM messages WHERE organization_id = ? AND idempotency_key LIKE ?")) {
                s.setObject(1, organization);
                s.setString(2, KEY_PREFIX + "%");
                deleted = s.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT to_regclass('" + BEFORE_TABLE + "') IS NOT NULL")) {
                r.next();
                hadCopy = r.getBoolean(1);
            }
            if (hadCopy) {
                try (Statement s = c.createStatement()) {
                    restored = s.executeUpdate("UPDATE conversations c SET status = b.status, last_message_at = b.last_message_at,"
                            + " last_message_preview = b.last_message_preview, updated_at = b.updated_at,"
                            + " last_inbound_at = b.last_inbound_at FROM " + BEFORE_TABLE + " b WHERE c.id = b.id");
                    try (ResultSet r = s.executeQuery("SELECT count(*) FROM conversations c JOIN " + BEFORE_TABLE
                            + " b ON b.id = c.id WHERE (c.status, c.last_message_at, c.last_message_preview, c.updated_at,"
                            + " c.last_inbound_at) IS DISTINCT FROM (b.status, b.last_message_at, b.last_message_preview,"
                            + " b.updated_at, b.last_inbound_at)")) {
                        r.next();
                        if (r.getLong(1) != 0) {
                            throw new IllegalStateException(r.getLong(1) + " conversations differ from their copy after the restore");
                        }
                    }
                    s.execute("DROP TABLE " + BEFORE_TABLE);
                }
            }
            c.commit();
        }
        if (deleted == 0 && !hadCopy) {
            return "";
        }
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("VACUUM messages");
            s.execute("VACUUM conversations");
        }
        return String.format(Locale.ROOT, "deleted %,d bench messages, restored %,d conversations, VACUUM %.1f s",
                deleted, restored, (System.nanoTime() - t0) / 1e9);
    }
}
