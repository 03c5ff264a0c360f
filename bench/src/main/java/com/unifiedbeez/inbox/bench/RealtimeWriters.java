package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.event.SqsRealtimeNudge;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.local.aws.LocalAwsServices;
import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Part G3: what realtime costs the writers. The event writers' after-commit nudge
 * ({@code SqsRealtimeNudge}: one {@code SendMessage} to the realtime FIFO queue per organization and
 * transaction) is switched on by {@value SqsRealtimeNudge#QUEUE_URL}; each figure is taken with it
 * (the template's {@code RealtimeQueue}, FIFO, on the bench's ElasticMQ) and without it, same
 * threads, same handler code, same run: part E1's sends ({@link MessagesBench.Senders}) and part F2's
 * normalization ({@link InboundBench}'s normalizer on records its webhook intake queued). Windows
 * alternate off, on, on, off, ... so a drift of the machine weighs on both alike.
 *
 * <p>A send writes an event only when it changes its conversation's status (a new conversation
 * becomes active). So that every measured send writes one (and, realtime on, nudges once), the
 * conversations sent to are set back to {@code new} before each window: the writer's worst case.
 * Each normalized record writes {@code message:received} (and {@code conversation:new} when it opens
 * one) in one transaction: one nudge per record.
 */
final class RealtimeWriters {
    static final Floor.Target TARGET = Floor.Target.atLeast(0.9);

    /** One measured window: realtime on or off. {@code events}, {@code nudges}: written / queued during its call. */
    record Window(boolean on, int round, double perSecond, Stats stats, long items, double wallSeconds, long errors,
                  String firstError, long calls, long events, long nudges, double othersCpuPercent,
                  double threadCpuMsPerItem, double restOfJvmCpuMsPerItem) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("realtime", on ? "on" : "off");
            m.put("round", round);
            m.put("itemsPerSecond", Stats.round(perSecond));
            m.put("items", items);
            m.put("wallSeconds", Stats.round(wallSeconds));
            m.putAll(stats.toMap());
            m.put("errors", errors);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            m.put("itemsWithWarmup", calls);
            m.put("eventsWritten", events);
            m.put("nudgesQueued", nudges);
            m.put("otherProcessesCpuPercent", Stats.round(othersCpuPercent));
            m.put("cpuMsPerItem", Map.of("callingThreads", Stats.round(threadCpuMsPerItem),
                    "restOfJvm", Stats.round(restOfJvmCpuMsPerItem)));
            return m;
        }
    }

    /** One configuration, off and on. {@code unit}: what a window counts ("sends", "records"). */
    record Pair(String id, String title, String unit, int threads, int poolSize, List<Window> windows) {
        /** Items / wall-clock seconds over the windows of one mode. */
        double rate(boolean on) {
            double items = windows.stream().filter(w -> w.on() == on).mapToLong(Window::items).sum();
            double wall = windows.stream().filter(w -> w.on() == on).mapToDouble(Window::wallSeconds).sum();
            return wall == 0 ? 0 : items / wall;
        }

        /** The worst p99 of the windows of one mode. */
        double p99(boolean on) {
            return windows.stream().filter(w -> w.on() == on).mapToDouble(w -> w.stats().p99()).max().orElse(0);
        }

        long errors() {
            return windows.stream().mapToLong(Window::errors).sum();
        }

        /** CPU ms per item of the calling threads ({@code threads}) or of the rest of the JVM, over one mode's windows. */
        double cpuPerItem(boolean on, boolean threads) {
            double items = windows.stream().filter(w -> w.on() == on).mapToLong(Window::items).sum();
            double ms = windows.stream().filter(w -> w.on() == on)
                    .mapToDouble(w -> (threads ? w.threadCpuMsPerItem() : w.restOfJvmCpuMsPerItem()) * w.items()).sum();
            return items == 0 ? 0 : ms / items;
        }

        /** Realtime on against off: on's rate / off's, at least {@link #TARGET}. */
        Floor floor() {
            return new Floor(unit + "/s", rate(true), rate(false), TARGET);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("configuration", title);
            m.put("threads", threads);
            m.put("dbPoolSize", poolSize);
            m.put("onPerSecond", Stats.round(rate(true)));
            m.put("offPerSecond", Stats.round(rate(false)));
            m.put("onWorstP99Ms", Stats.round(p99(true)));
            m.put("offWorstP99Ms", Stats.round(p99(false)));
            m.put("onOverOff", floor().toMap());
            m.put("windows", windows.stream().map(Window::toMap).toList());
            return m;
        }
    }

    /** {@code nudge}: one {@code SqsRealtimeNudge.nudge} alone, back to back on one thread. */
    record Result(Stats nudge, double nudgeOthersCpuPercent, List<Pair> sends, String sendsError, List<Pair> normalize, String normalizeError,
                  Map<String, String> facts) {
    }

    private RealtimeWriters() {
    }

    static Result run(Path root, BenchDatabase db, Workload workload, boolean quick, Path home) throws Exception {
        Map<String, String> facts = new LinkedHashMap<>();
        Path s3 = root.resolve("bench/target/bench-g-s3");
        BenchDatabase.deleteTree(s3);
        String region = AwsConfig.DEFAULT_REGION;
        List<Pair> sends = List.of();
        List<Pair> normalize = List.of();
        String sendsError = null;
        String normalizeError = null;
        NudgeAlone nudge = null;
        try (LocalAwsServices aws = LocalAwsServices.start(region, 0, 0, s3)) {
            LocalResources resources = LocalResources.create(SamTemplate.load(root.resolve("template.yaml")), aws.sqs(),
                    aws.s3(), region);
            LocalResources.LocalQueue realtime = resources.queue("RealtimeQueue").orElseThrow(
                    () -> new IllegalStateException("template.yaml has no RealtimeQueue"));
            if (!realtime.fifo()) {
                throw new IllegalStateException("the template's RealtimeQueue is not FIFO");
            }
            facts.put("realtimeQueue", realtime.name() + " (FIFO; " + realtime.attributes() + ")");
            try {
                sends = sends(db, workload, aws, resources, realtime, quick, home);
            } catch (Exception | LinkageError e) {
                System.out.println("  G3 sends failed: " + e);
                e.printStackTrace(System.out);
                sendsError = e.toString();
            }
            // between the two writers, in the conditions of their windows
            try {
                nudge = nudgeAlone(aws, realtime, quick, new CpuMeter(home.resolve("postgres")));
            } catch (RuntimeException e) {
                System.out.println("  G3 one nudge alone failed: " + e);
            }
            try {
                normalize = normalize(db, aws, resources, realtime, region, quick, home, facts);
            } catch (Exception | LinkageError e) {
                System.out.println("  G3 normalization failed: " + e);
                e.printStackTrace(System.out);
                normalizeError = e.toString();
            }
        } finally {
            BenchDatabase.deleteTree(s3);
        }
        return new Result(nudge == null ? null : nudge.stats(), nudge == null ? -1 : nudge.othersCpuPercent(), sends, sendsError, normalize, normalizeError, facts);
    }

    /**
     * What one nudge costs its writer: {@code SqsRealtimeNudge.nudge} (one {@code SendMessage} to the
     * realtime queue through a client built like the functions') back to back on one thread, after a
     * warm-up; the queue is emptied after.
     */
    private static NudgeAlone nudgeAlone(LocalAwsServices aws, LocalResources.LocalQueue realtime, boolean quick,
                                         CpuMeter meter) {
        Config config = Config.of(new HashMap<>(aws.properties())).with(SqsRealtimeNudge.QUEUE_URL, realtime.url());
        int warmup = quick ? 100 : 300;
        int samples = quick ? 200 : 500;
        UUID organization = UUID.randomUUID();
        try (SqsClient sqs = AwsClients.sqs(config)) {
            SqsRealtimeNudge nudge = new SqsRealtimeNudge(() -> sqs, config);
            long[] took = new long[samples];
            CpuMeter.Snapshot before = null;
            for (int i = 0; i < warmup + samples; i++) {
                if (i == warmup) {
                    before = meter.snapshot();
                }
                long a = System.nanoTime();
                nudge.nudge(organization);
                if (i >= warmup) {
                    took[i - warmup] = System.nanoTime() - a;
                }
            }
            Stats st = Stats.of(took, samples);
            double others = CpuMeter.othersPercent(before, meter.snapshot());
            System.out.printf(Locale.ROOT, "  G3     one nudge alone      p50 %8s  p90 %8s  p99 %8s  max %8s ms  n=%d"
                            + "  others %3.0f%% CPU%n", Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()),
                    Stats.fmt(st.max()), st.count(), others);
            return new NudgeAlone(st, others);
        } finally {
            aws.sqs().purgeQueue(p -> p.queueUrl(realtime.url()));
        }
    }

    // ---- sends (E1) ----------------------------------------------------------------------------------

    private static List<Pair> sends(BenchDatabase db, Workload workload, LocalAwsServices aws, LocalResources resources,
                                    LocalResources.LocalQueue realtime, boolean quick, Path home) throws Exception {
        DataSource admin = db.dataSource();
        String leftover = MessagesBench.cleanup(admin, workload.organization);
        if (!leftover.isEmpty()) {
            System.out.println("  an earlier run left its sends behind: " + leftover);
        }
        String outbound = resources.queue("OutboundQueue").orElseThrow(
                () -> new IllegalStateException("template.yaml has no OutboundQueue")).url();
        LocalResources.LocalBucket bucket = resources.buckets().get("MediaBucket");
        Map<String, String> values = new HashMap<>(aws.properties());
        values.put(Config.DB_URL, db.plainJdbcUrl());
        values.put(Config.DB_USER, "postgres");
        values.put(Config.DB_PASSWORD, "postgres");
        values.put(SqsOutboundQueue.QUEUE_URL, outbound);
        values.put(S3MediaStorage.BUCKET, bucket == null ? "bench-g-media" : bucket.name());
        Config off = Config.of(values);
        Config on = off.with(SqsRealtimeNudge.QUEUE_URL, realtime.url());
        Config pooled = off.with(Config.DB_POOL_SIZE, Integer.toString(MessagesBench.THROUGHPUT_POOL));
        Config pooledOn = on.with(Config.DB_POOL_SIZE, Integer.toString(MessagesBench.THROUGHPUT_POOL));
        double warm = quick ? 0.3 : 1;
        double window = quick ? 1 : 3;
        int rounds = 2;
        Instant started = Instant.now();
        List<Pair> pairs = new ArrayList<>();
        MessagesBench.Senders senders = MessagesBench.Senders.prepare(admin, workload,
                MessagesBench.Targets.find(admin, workload), quick ? 800 : 3000);
        try (MessagesBench.Transport off1 = new MessagesBench.Transport(off);
             MessagesBench.Transport on1 = new MessagesBench.Transport(on);
             MessagesBench.Transport off8 = new MessagesBench.Transport(pooled);
             MessagesBench.Transport on8 = new MessagesBench.Transport(pooledOn)) {
            System.out.println("  G3 warming up the send path (JIT), realtime on then off: 4 threads, not measured");
            senders.measure("g3-send-warmup-on", "warm-up", on8, 4, MessagesBench.THROUGHPUT_POOL, quick ? 1 : 3, 0.2, true,
                    new CpuMeter(home.resolve("postgres")));
            senders.measure("g3-send-warmup-off", "warm-up", off8, 4, MessagesBench.THROUGHPUT_POOL, quick ? 0.5 : 1, 0.2,
                    true, new CpuMeter(home.resolve("postgres")));
            Object[][] configurations = {
                    {"send-1", "1 thread, pool 2 (the function's default)", 1, 2, off1, on1},
                    {"send-4", "4 threads, pool " + MessagesBench.THROUGHPUT_POOL, 4, MessagesBench.THROUGHPUT_POOL, off8, on8}};
            for (Object[] cf : configurations) {
                List<Window> windows = new ArrayList<>();
                int threads = (int) cf[2];
                for (int i = 0; i < 2 * rounds; i++) {
                    boolean isOn = i % 4 == 1 || i % 4 == 2; // off, on, on, off
                    MessagesBench.Transport transport = (MessagesBench.Transport) (isOn ? cf[5] : cf[4]);
                    renew(admin, senders.conversations);
                    long events0 = events(admin, workload.organization);
                    long nudges0 = InboundBench.queueDepth(aws, realtime.url());
                    long accepted0 = senders.accepted.get();
                    MessagesBench.SendRun r = senders.measure("g3-" + cf[0] + (isOn ? "-on" : "-off"), (String) cf[1],
                            transport, threads, (int) cf[3], warm, window, threads > 1,
                            new CpuMeter(home.resolve("postgres")));
                    long items = Math.round(r.perSecond() * r.wallSeconds());
                    windows.add(new Window(isOn, i / 2 + 1, r.perSecond(), r.stats(), items, r.wallSeconds(), r.errors(),
                            r.firstError(), senders.accepted.get() - accepted0, events(admin, workload.organization) - events0,
                            InboundBench.queueDepth(aws, realtime.url()) - nudges0, r.othersCpuPercent(),
                            r.handlerCpuMsPerSend(), r.restOfJvmCpuMsPerSend()));
                }
                Pair p = new Pair((String) cf[0], (String) cf[1], "sends", threads, (int) cf[3], windows);
                pairs.add(p);
                print(p);
            }
        } finally {
            String events = deleteEvents(admin, workload.organization, senders.conversations, started);
            String cleanup = MessagesBench.cleanup(admin, workload.organization);
            System.out.println("  G3 sends cleanup: " + events + "; " + cleanup);
            aws.sqs().purgeQueue(p -> p.queueUrl(realtime.url()));
            aws.sqs().purgeQueue(p -> p.queueUrl(outbound));
        }
        return pairs;
    }

    /** The conversations sent to back to {@code new}: the next send to each changes its status (one event). */
    private static void renew(DataSource ds, List<UUID> conversations) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE conversations SET status = 'new' WHERE id = ANY(?) AND status <> 'new'")) {
            Array ids = c.createArrayOf("uuid", conversations.toArray());
            s.setArray(1, ids);
            s.executeUpdate();
        }
    }

    private static long events(DataSource ds, UUID organization) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM domain_events WHERE organization_id = ?")) {
            s.setObject(1, organization);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The status events the sends wrote (the conversations' status is restored by MessagesBench.cleanup). */
    private static String deleteEvents(DataSource ds, UUID organization, List<UUID> conversations, Instant since)
            throws SQLException {
        int deleted;
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "DELETE FROM domain_events WHERE organization_id = ? AND conversation_id = ANY(?) AND created_at >= ?")) {
            s.setObject(1, organization);
            s.setArray(2, c.createArrayOf("uuid", conversations.toArray()));
            s.setTimestamp(3, Timestamp.from(since));
            deleted = s.executeUpdate();
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM domain_events");
        }
        return String.format(Locale.ROOT, "deleted the %,d events the sends wrote", deleted);
    }

    // ---- normalization (F2) --------------------------------------------------------------------------

    private static List<Pair> normalize(BenchDatabase db, LocalAwsServices aws, LocalResources resources,
                                        LocalResources.LocalQueue realtime, String region, boolean quick, Path home,
                                        Map<String, String> facts) throws Exception {
        Pair p = normalizeOnOff(db, aws, resources, region, quick, home, facts, "G3",
                off -> off.with(SqsRealtimeNudge.QUEUE_URL, realtime.url()), UnaryOperator.identity(),
                admin -> { }, () -> InboundBench.queueDepth(aws, realtime.url()));
        aws.sqs().purgeQueue(q -> q.queueUrl(realtime.url()));
        return List.of(p);
    }

    /** What a part does to the inbound organization {@link InboundBench#setUp} made, before the windows. */
    @FunctionalInterface
    interface OrganizationSetUp {
        void accept(DataSource admin) throws SQLException;
    }

    /**
     * Part F2's normalization of the records F1's webhook intake queued, in windows alternating off, on,
     * on, off: {@code part} names the lines it prints, {@code switchOn} makes the "on" configuration of
     * the "off" one ({@code base} applied to the normalizer's own), {@code setUp} prepares the organization,
     * {@code nudges} counts what the on side queues.
     */
    static Pair normalizeOnOff(BenchDatabase db, LocalAwsServices aws, LocalResources resources, String region,
                               boolean quick, Path home, Map<String, String> facts, String part,
                               UnaryOperator<Config> switchOn, UnaryOperator<Config> base, OrganizationSetUp setUp,
                               LongSupplier nudges) throws Exception {
        DataSource admin = db.dataSource();
        String tag = part.toLowerCase(Locale.ROOT);
        String leftover = InboundBench.cleanup(admin);
        if (!leftover.isEmpty()) {
            System.out.println("  an earlier run left its inbound organization behind: " + leftover);
        }
        try {
            Config cipherConfig = Config.of(Map.of(CredentialCipher.KEY, InboundBench.CREDENTIALS_KEY));
            Map<String, Long> existing = InboundBench.setUp(admin, new CredentialCipher(cipherConfig));
            setUp.accept(admin);
            LocalResources.LocalQueue queue = resources.queue("InboundQueue").orElseThrow(
                    () -> new IllegalStateException("template.yaml has no InboundQueue"));
            LocalResources.LocalBucket bucket = resources.buckets().get("MediaBucket");
            Map<String, String> values = new HashMap<>(aws.properties());
            values.put(Config.DB_URL, db.plainJdbcUrl());
            values.put(Config.DB_USER, "postgres");
            values.put(Config.DB_PASSWORD, "postgres");
            values.put(SqsInboundQueue.QUEUE_URL, queue.url());
            // the normalizer hands away replies to the outbound queue (none here: the organization has no away message)
            values.put(SqsOutboundQueue.QUEUE_URL, resources.queue("OutboundQueue").orElseThrow(
                    () -> new IllegalStateException("template.yaml has no OutboundQueue")).url());
            values.put(PlatformEndpoints.META_APP_SECRET, InboundBench.APP_SECRET);
            values.put(CredentialCipher.KEY, InboundBench.CREDENTIALS_KEY);
            values.put(S3MediaStorage.BUCKET, bucket == null ? "bench-g-media" : bucket.name());
            int pool = InboundBench.THROUGHPUT_POOL;
            Config off = base.apply(Config.of(values).with(Config.DB_POOL_SIZE, Integer.toString(pool)));
            Config on = switchOn.apply(off);
            aws.sqs().purgeQueue(p -> p.queueUrl(queue.url()));

            // The records: deliveries the webhook function queued (F1's intake, realtime plays no part in it).
            CpuMeter meter = new CpuMeter(home.resolve("postgres"));
            WhatsAppDeliveries deliveries = new WhatsAppDeliveries(InboundBench.APP_SECRET, InboundBench.WABA_ID,
                    InboundBench.PHONE_NUMBER_ID, "15550100777", InboundBench.EXISTING_CUSTOMERS,
                    InboundBench.NEW_CUSTOMER_POOL);
            AtomicLong accepted = new AtomicLong();
            Set<String> newCustomers = ConcurrentHashMap.newKeySet();
            double intakeSeconds = quick ? 2 : 9;
            try (InboundBench.Webhook webhook = new InboundBench.Webhook(off)) {
                InboundBench.intake(webhook, deliveries, accepted, newCustomers, tag + "-intake", "intake", 4, pool, 0.3,
                        intakeSeconds, false, meter);
            }
            List<SQSEvent.SQSMessage> records = InboundBench.drain(aws, queue, region, accepted.get());
            System.out.printf(Locale.ROOT, "  %s %,d deliveries queued by the webhook function in %.0f s, %,d records"
                    + " received off the queue for the normalizer (%s existing conversations)%n", part, accepted.get(),
                    intakeSeconds, records.size(), existing);
            facts.put("normalizeRecords", Integer.toString(records.size()));

            InboundBench.Records work = new InboundBench.Records(records);
            InboundBench.Normalizer normalizerOff = new InboundBench.Normalizer(off);
            InboundBench.Normalizer normalizerOn = new InboundBench.Normalizer(on);
            int total = records.size();
            System.out.println("  " + part + " warming up the normalizer (JIT), on then off: 4 threads, batches of 10");
            InboundBench.normalize(normalizerOn, work, share(total, 0.1), tag + "-normalize-warmup", "warm-up", 4, pool,
                    10, false, meter);
            InboundBench.normalize(normalizerOff, work, share(total, 0.05), tag + "-normalize-warmup", "warm-up", 4, pool,
                    10, false, meter);
            int threads = 2;
            int chunks = 4; // off, on, on, off
            int chunk = work.remaining() / chunks;
            List<Window> windows = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                boolean isOn = i == 1 || i == 2;
                long events0 = events(admin, InboundBench.ORGANIZATION);
                long nudges0 = nudges.getAsLong();
                InboundBench.Run r = InboundBench.normalize(isOn ? normalizerOn : normalizerOff, work,
                        i == chunks - 1 ? work.remaining() : chunk, tag + "-normalize-2" + (isOn ? "-on" : "-off"),
                        threads + " threads", threads, pool, 10, true, meter);
                if (r == null) {
                    throw new IllegalStateException("no records left for window " + (i + 1));
                }
                ClosedLoop.Run run = r.run();
                windows.add(new Window(isOn, i < 2 ? 1 : 2, run.itemsPerSecond(), run.stats(), run.items(),
                        run.wallSeconds(), run.errors(), run.firstError(), run.items(),
                        events(admin, InboundBench.ORGANIZATION) - events0,
                        nudges.getAsLong() - nudges0, run.othersCpuPercent(),
                        perItem(run.threadCpuMsPerCall(), run), perItem(run.restOfJvmCpuMsPerCall(), run)));
            }
            Pair p = new Pair("normalize-2", threads + " threads, pool " + pool + ", batches of 10", "records", threads,
                    pool, windows);
            print(part, p);
            return p;
        } finally {
            String cleanup = InboundBench.cleanup(admin);
            System.out.println("  " + part + " normalization cleanup: " + cleanup);
            facts.put("normalizeCleanup", cleanup);
        }
    }

    private record NudgeAlone(Stats stats, double othersCpuPercent) {
    }

    /** A per-call CPU figure of a closed loop as per item (a call handles a batch). */
    private static double perItem(double perCall, ClosedLoop.Run run) {
        return run.items() == 0 ? 0 : perCall * run.stats().count() / run.items();
    }

    private static int share(int total, double fraction) {
        return Math.max(1, (int) Math.round(total * fraction));
    }

    private static void print(Pair p) {
        print("G3", p);
    }

    private static void print(String part, Pair p) {
        Floor f = p.floor();
        System.out.printf(Locale.ROOT, "  %s     %-22s on %,.0f %s/s, off %,.0f %s/s: on/off %s (%s: %s)%n",
                part, p.id(), f.measured(), p.unit(), f.floor(), p.unit(), f.ratioCell(), f.targetCell(), f.verdictCell());
    }
}
