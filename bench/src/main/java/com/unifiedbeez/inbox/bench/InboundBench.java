package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.functions.inboundnormalizer.DaggerInboundNormalizerComponent;
import com.unifiedbeez.inbox.functions.inboundnormalizer.InboundNormalizerHandler;
import com.unifiedbeez.inbox.functions.webhooks.DaggerWebhooksComponent;
import com.unifiedbeez.inbox.functions.webhooks.WebhookFunction;
import com.unifiedbeez.inbox.functions.webhooks.WebhooksComponent;
import com.unifiedbeez.inbox.functions.webhooks.WhatsAppWebhookHandler;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.message.SqsOutboundQueue;
import com.unifiedbeez.inbox.local.aws.LocalAwsServices;
import com.unifiedbeez.inbox.local.aws.LocalResources;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testkit.SqsEvents;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import javax.sql.DataSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Part F1 and F2: the inbound path in-process, on the bench database with the template's inbound
 * FIFO queue on an in-process ElasticMQ (the local runtime's {@link LocalAwsServices}).
 *
 * <ol>
 *   <li>F1, webhook intake: the real {@code WhatsAppWebhookHandler} (its Dagger component, the real
 *       {@code WhatsAppWebhook} adapter) takes signed WhatsApp text deliveries: signature check,
 *       connection lookup in PostgreSQL, SendMessageBatch to the FIFO queue. One thread on the
 *       function's default pool, then several threads on one handler for throughput.</li>
 *   <li>F2, normalization: everything F1 queued is received off the queue (and deleted, as the
 *       event source mapping does), then handed to the real {@code InboundNormalizerHandler} (its
 *       component: InboundBatch, InboundProcessor, the WhatsApp normalizer) as SQS events: one record
 *       per call for per-record latency, then batches of 10 from several threads, each message group
 *       on one thread (FIFO order kept, as Lambda keeps it). Afterwards every delivery F1 accepted
 *       must be exactly one stored message.</li>
 * </ol>
 *
 * <p>The messages go to an organization of their own ({@value #ORGANIZATION_NAME}) in the part A
 * database, with one WhatsApp connection and {@value #EXISTING_CUSTOMERS} existing customers, each
 * with a conversation (open, resolved or closed). The organization is deleted afterwards (and at
 * the start, after a run that died half-way), and the tables vacuumed, so other parts see the data
 * set as generated.
 */
final class InboundBench {
    static final double INTAKE_TARGET_MS = 10;
    static final double NORMALIZE_TARGET_PER_SECOND = 1000;
    /** INBOX_DB_POOL_SIZE of the concurrent runs (the functions' default is 2). */
    static final int THROUGHPUT_POOL = 8;
    static final int EXISTING_CUSTOMERS = 3000;
    static final int NEW_CUSTOMER_POOL = 30_000;
    static final String ORGANIZATION_NAME = "bench-f inbound";
    static final UUID ORGANIZATION = UUID.fromString("0190bf00-0000-7000-8000-00000000f001");
    static final UUID CONNECTION = UUID.fromString("0190bf00-0000-7000-8000-00000000f002");
    static final String PHONE_NUMBER_ID = "190000000000777";
    static final String WABA_ID = "190000000000001";
    static final String APP_SECRET = "bench-f-meta-app-secret";
    /** A bench-only AES key (base64 of 32 bytes) for the connection's credentials. */
    static final String CREDENTIALS_KEY = Base64.getEncoder().encodeToString(
            "bench-f credentials key 32 bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    /** One closed-loop configuration's figures. */
    record Run(String id, String title, int threads, int poolSize, String unit, int perCall, ClosedLoop.Run run,
               boolean throughputRow, ClosedLoop.Run bare, Floor.Target floorTarget) {
        /** The same configuration's floor (the same work bare), with the target on the ratio. */
        Run withBare(ClosedLoop.Run floor, Floor.Target target) {
            return new Run(id, title, threads, poolSize, unit, perCall, run, throughputRow, floor, target);
        }

        /** items/s against the floor's. */
        Floor floor() {
            return bare == null ? null : new Floor(unit.startsWith("one webhook") ? "deliveries/s" : "records/s",
                    run.itemsPerSecond(), bare.itemsPerSecond(), floorTarget);
        }

        Map<String, Object> toMap(double targetMs, double targetPerSecond) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("configuration", title);
            m.put("threads", threads);
            m.put("dbPoolSize", poolSize);
            m.put("unitTimed", unit);
            m.putAll(run.stats().toMap());
            m.put("callsPerSecond", Stats.round(run.callsPerSecond()));
            m.put("itemsPerSecond", Stats.round(run.itemsPerSecond()));
            m.put("items", run.items());
            m.put("wallSeconds", Stats.round(run.wallSeconds()));
            m.put("errors", run.errors());
            if (run.firstError() != null) {
                m.put("firstError", run.firstError());
            }
            m.put("cpuMsPerCall", Map.of("callingThreads", Stats.round(run.threadCpuMsPerCall()),
                    "restOfJvm", Stats.round(run.restOfJvmCpuMsPerCall()), "postgres", Stats.round(run.postgresCpuMsPerCall())));
            m.put("otherProcessesCpuPercent", Stats.round(run.othersCpuPercent()));
            if (targetMs > 0) {
                m.put("targetP99Ms", targetMs);
            }
            if (throughputRow && targetPerSecond > 0) {
                m.put("targetPerSecond", targetPerSecond);
            }
            if (bare != null) {
                Map<String, Object> f = new LinkedHashMap<>(floor().toMap());
                f.put("floorStats", bare.stats().toMap());
                f.put("floorItems", bare.items());
                f.put("floorErrors", bare.errors());
                if (bare.firstError() != null) {
                    f.put("floorFirstError", bare.firstError());
                }
                m.put("floor", f);
            }
            return m;
        }
    }

    /** What was checked after F2, before the cleanup. */
    record Verification(long accepted, long queued, long received, long processed, long failedRecords, long stored,
                        long distinctExternalIds, long notInbound, long newCustomersSent, long contactsCreated,
                        long conversationsCreated, long conversationsOpen, long domainEvents, long queueAfter) {
        boolean ok() {
            return queued == accepted && received == accepted && processed == accepted && failedRecords == 0
                    && stored == accepted && distinctExternalIds == accepted && notInbound == 0
                    && contactsCreated == newCustomersSent && queueAfter == 0;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("deliveriesAccepted", accepted);
            m.put("queueMessagesAfterIntake", queued);
            m.put("receivedOffQueue", received);
            m.put("recordsProcessed", processed);
            m.put("recordsReportedFailed", failedRecords);
            m.put("messagesStored", stored);
            m.put("distinctExternalIds", distinctExternalIds);
            m.put("storedNotInboundText", notInbound);
            m.put("newCustomersWhoWrote", newCustomersSent);
            m.put("contactsCreated", contactsCreated);
            m.put("conversationsCreated", conversationsCreated);
            m.put("conversationsOpenAfter", conversationsOpen);
            m.put("domainEventsWritten", domainEvents);
            m.put("queueMessagesAfterDrain", queueAfter);
            m.put("ok", ok());
            return m;
        }
    }

    record Result(List<Run> intake, List<Run> normalize, Verification verification,
                  double drainSeconds, String cleanup, Map<String, String> facts) {
    }

    private InboundBench() {
    }

    static Result run(Path root, BenchDatabase db, boolean quick, Path home) throws Exception {
        DataSource admin = db.dataSource();
        String leftover = cleanup(admin);
        if (!leftover.isEmpty()) {
            System.out.println("  an earlier run left its organization behind: " + leftover);
        }
        Map<String, String> facts = new LinkedHashMap<>();
        Config base = Config.of(Map.of(CredentialCipher.KEY, CREDENTIALS_KEY));
        Map<String, Long> existing = setUp(admin, new CredentialCipher(base));
        existing.forEach((k, v) -> facts.put("existingConversations." + k, Long.toString(v)));
        System.out.println("  organization " + ORGANIZATION_NAME + ": one WhatsApp connection, " + EXISTING_CUSTOMERS
                + " existing customers with conversations " + existing);
        Path s3 = root.resolve("bench/target/bench-f-s3");
        BenchDatabase.deleteTree(s3);
        String region = AwsConfig.DEFAULT_REGION;
        List<Run> intake = new ArrayList<>();
        List<Run> normalize = new ArrayList<>();
        Verification verification;
        double drainSeconds;
        try (LocalAwsServices aws = LocalAwsServices.start(region, 0, 0, s3)) {
            LocalResources resources = LocalResources.create(SamTemplate.load(root.resolve("template.yaml")), aws.sqs(),
                    aws.s3(), region);
            LocalResources.LocalQueue queue = resources.queue("InboundQueue").orElseThrow(
                    () -> new IllegalStateException("template.yaml has no InboundQueue"));
            LocalResources.LocalBucket bucket = resources.buckets().get("MediaBucket");
            facts.put("queue", queue.name() + " (FIFO " + queue.fifo() + ")");
            Map<String, String> values = new HashMap<>(aws.properties());
            values.put(Config.DB_URL, db.plainJdbcUrl());
            values.put(Config.DB_USER, "postgres");
            values.put(Config.DB_PASSWORD, "postgres");
            values.put(SqsInboundQueue.QUEUE_URL, queue.url());
            // the normalizer hands away replies to the outbound queue (none here: the organization has no away message)
            values.put(SqsOutboundQueue.QUEUE_URL, resources.queue("OutboundQueue").orElseThrow(
                    () -> new IllegalStateException("template.yaml has no OutboundQueue")).url());
            values.put(PlatformEndpoints.META_APP_SECRET, APP_SECRET);
            values.put(CredentialCipher.KEY, CREDENTIALS_KEY);
            values.put(S3MediaStorage.BUCKET, bucket == null ? "bench-f-media" : bucket.name());
            Config config = Config.of(values);
            Config pooled = config.with(Config.DB_POOL_SIZE, Integer.toString(THROUGHPUT_POOL));
            aws.sqs().purgeQueue(p -> p.queueUrl(queue.url()));

            // ---- F1: webhook intake -------------------------------------------------------------------
            WhatsAppDeliveries deliveries = new WhatsAppDeliveries(APP_SECRET, WABA_ID, PHONE_NUMBER_ID, "15550100777",
                    EXISTING_CUSTOMERS, NEW_CUSTOMER_POOL);
            AtomicLong accepted = new AtomicLong();
            Set<String> newCustomers = ConcurrentHashMap.newKeySet();
            double warm = quick ? 0.5 : 2;
            double window = quick ? 1 : 4;
            CpuMeter meter = new CpuMeter(home.resolve("postgres"));
            try (Webhook one = new Webhook(config); Webhook many = new Webhook(pooled)) {
                System.out.println("  F1 warming up the intake path (JIT): 4 threads, " + (quick ? 1 : 4) + " s, not measured");
                intake(many, deliveries, accepted, newCustomers, "intake-warmup", "warm-up", 4, THROUGHPUT_POOL, quick ? 1 : 4,
                        0.2, false, meter);
                intake.add(intake(one, deliveries, accepted, newCustomers, "intake-1", "1 thread, pool 2 (the function's"
                        + " default)", 1, 2, warm, window, false, meter));
                for (int threads : new int[] {2, 4}) {
                    intake.add(intake(many, deliveries, accepted, newCustomers, "intake-" + threads, threads + " threads, pool "
                            + THROUGHPUT_POOL, threads, THROUGHPUT_POOL, warm, window, true, meter));
                }
            }
            long queued = queueDepth(aws, queue.url());
            System.out.printf(Locale.ROOT, "  F1 deliveries accepted: %,d; the queue holds %,d messages%n", accepted.get(), queued);
            long t0 = System.nanoTime();
            List<SQSEvent.SQSMessage> records = drain(aws, queue, region, accepted.get());
            drainSeconds = (System.nanoTime() - t0) / 1e9;
            long queueAfter = queueDepth(aws, queue.url());
            System.out.printf(Locale.ROOT, "  F2 received %,d records off the queue (and deleted them) in %.1f s%n",
                    records.size(), drainSeconds);

            // ---- F1's floors, on the queue F2 has just emptied; emptied again after ---------------------
            try (var sqs = AwsClients.sqs(config)) {
                for (int i = 0; i < intake.size(); i++) {
                    Run r = intake.get(i);
                    intake.set(i, r.withBare(bareIntake(sqs, queue.url(), deliveries, r, warm, window, meter),
                            Floor.INTAKE));
                }
            } finally {
                aws.sqs().purgeQueue(p -> p.queueUrl(queue.url()));
            }

            // ---- F2: normalization --------------------------------------------------------------------
            Records work = new Records(records);
            Normalizer one = new Normalizer(config);
            Normalizer many = new Normalizer(pooled);
            // Each run takes its share of the records, in queue order, and runs until they are done.
            int total = records.size();
            int warmupRecords = share(total, 0.15);
            System.out.printf(Locale.ROOT, "  F2 warming up the normalizer (JIT): 4 threads, batches of 10, %,d records,"
                    + " not measured%n", warmupRecords);
            normalize(many, work, warmupRecords, "normalize-warmup", "warm-up", 4, THROUGHPUT_POOL, 10, false, meter);
            normalize.add(normalize(one, work, share(total, 0.15), "normalize-1-record", "1 thread, pool 2, one record per"
                    + " invocation", 1, 2, 1, false, meter));
            normalize.add(normalize(one, work, share(total, 0.2), "normalize-1", "1 thread, pool 2, batches of 10",
                    1, 2, 10, true, meter));
            normalize.add(normalize(many, work, share(total, 0.25), "normalize-2", "2 threads, pool " + THROUGHPUT_POOL
                    + ", batches of 10", 2, THROUGHPUT_POOL, 10, true, meter));
            normalize.add(normalize(many, work, work.remaining(), "normalize-4", "4 threads, pool " + THROUGHPUT_POOL
                    + ", batches of 10", 4, THROUGHPUT_POOL, 10, true, meter));
            normalize.removeIf(java.util.Objects::isNull);
            verification = verify(admin, accepted.get(), queued, records.size(), work.processed.get(),
                    work.failed.get(), newCustomers.size(), existing, queueAfter);
            System.out.println("  verification: " + verification.toMap());

            // ---- F2's floors: the rows the normalizer wrote, taken out and inserted again bare ------------
            BareInserts rows = BareInserts.takeOut(admin, ORGANIZATION);
            System.out.printf(Locale.ROOT, "  F2 floor: %,d records' %,d rows taken out (%d events not placed), inserted"
                    + " again bare; warm-up with the warm-up's share, not reported%n", rows.remaining(), rows.rows,
                    rows.unplaced);
            rows.insert(db.plainJdbcUrl(), warmupRecords, 4, 10, meter);
            for (int i = 0; i < normalize.size(); i++) {
                Run r = normalize.get(i);
                ClosedLoop.Run bare = rows.insert(db.plainJdbcUrl(), i == normalize.size() - 1 ? rows.remaining()
                        : (int) r.run().items(), r.threads(), r.perCall(), meter);
                normalize.set(i, r.withBare(bare, r.throughputRow() ? Floor.NORMALIZATION : null));
                print("F2", new Run(r.id() + "-floor", r.title(), r.threads(), r.threads(), r.unit(), r.perCall(), bare,
                        false, null, null), "records/s");
            }
            facts.put("floorRows", Long.toString(rows.rows));
            try (Connection c = admin.getConnection(); PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM messages WHERE organization_id = ?")) {
                s.setObject(1, ORGANIZATION);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) != verification.stored()) { // every record's rows went back in
                        throw new IllegalStateException("the floor inserted " + r.getLong(1) + " of the "
                                + verification.stored() + " messages it took out");
                    }
                }
            }
        } finally {
            BenchDatabase.deleteTree(s3);
            String cleanup = cleanup(admin);
            System.out.println("  cleanup: " + cleanup);
            facts.put("cleanup", cleanup);
        }
        return new Result(intake, normalize, verification, drainSeconds, facts.get("cleanup"), facts);
    }

    // ---- F1 --------------------------------------------------------------------------------------------

    /** The webhook function in this JVM: its component with the real WhatsApp adapter. */
    static final class Webhook implements AutoCloseable {
        final WhatsAppWebhookHandler handler;
        private final DataSource dataSource;

        Webhook(Config config) {
            WebhooksComponent component = DaggerWebhooksComponent.factory().create(config);
            this.handler = new WhatsAppWebhookHandler(new WebhookFunction(component, Channel.WHATSAPP));
            this.dataSource = component.dataSource();
        }

        @Override
        public void close() {
            if (dataSource instanceof HikariDataSource hikari) {
                hikari.close();
            }
        }
    }

    static Run intake(Webhook webhook, WhatsAppDeliveries deliveries, AtomicLong accepted, Set<String> newCustomers,
                              String id, String title, int threads, int poolSize, double warmSeconds, double seconds,
                              boolean throughputRow, CpuMeter meter) throws Exception {
        ClosedLoop.Run run = ClosedLoop.run(threads, warmSeconds, seconds, meter, thread -> {
            SplittableRandom random = new SplittableRandom(4000 + thread * 7919L + id.hashCode());
            WhatsAppDeliveries.Delivery[] next = new WhatsAppDeliveries.Delivery[1];
            return new ClosedLoop.Calls() {
                @Override
                public void prepare() {
                    next[0] = deliveries.next(random); // what Meta does: build and sign (not timed)
                }

                @Override
                public String call() {
                    APIGatewayV2HTTPResponse response = webhook.handler.handleRequest(next[0].event(), null);
                    if (response.getStatusCode() == 200 && response.getBody() != null
                            && response.getBody().contains("\"received\":1")) {
                        accepted.incrementAndGet();
                        if (next[0].newCustomer()) {
                            newCustomers.add(next[0].waId());
                        }
                        return null;
                    }
                    return response.getStatusCode() + " " + Measure.abbreviate(response.getBody());
                }
            };
        });
        Run r = new Run(id, title, threads, poolSize, "one webhook delivery", 1, run, throughputRow, null, null);
        if (!id.endsWith("warmup")) {
            print("F1", r, "deliveries/s");
        }
        return r;
    }

    /**
     * F1's floor for {@code of}: the same threads, each building and signing the next delivery as
     * Meta would (not timed), send its body to the same queue with a bare {@code SendMessageBatch}
     * (one entry; group = connection + customer, deduplication = the wamid), through a client built
     * like the function's. No signature check, no JSON, no database.
     */
    private static ClosedLoop.Run bareIntake(SqsClient sqs, String queueUrl, WhatsAppDeliveries deliveries, Run of,
                                             double warmSeconds, double seconds, CpuMeter meter) throws Exception {
        ClosedLoop.Run run = ClosedLoop.run(of.threads(), warmSeconds, seconds, meter, thread -> {
            SplittableRandom random = new SplittableRandom(9000 + thread * 7919L + of.id().hashCode());
            WhatsAppDeliveries.Delivery[] next = new WhatsAppDeliveries.Delivery[1];
            return new ClosedLoop.Calls() {
                @Override
                public void prepare() {
                    next[0] = deliveries.next(random);
                }

                @Override
                public String call() {
                    WhatsAppDeliveries.Delivery d = next[0];
                    var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(SendMessageBatchRequestEntry
                            .builder().id("0").messageGroupId(CONNECTION + ":" + d.waId())
                            .messageDeduplicationId(d.wamid()).messageBody(d.event().getBody()).build()));
                    return response.failed().isEmpty() ? null : response.failed().get(0).message();
                }
            };
        });
        print("F1", new Run(of.id() + "-floor", of.title(), of.threads(), 0, of.unit(), 1, run, false, null, null),
                "deliveries/s");
        return run;
    }

    static long queueDepth(LocalAwsServices aws, String url) {
        Map<QueueAttributeName, String> a = aws.sqs().getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))
                + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, "0"));
    }

    // ---- F2 --------------------------------------------------------------------------------------------

    /**
     * Receives the whole queue as the event source mapping would (10 at a time, system attributes,
     * deleted once received), in the order the FIFO queue hands it out, as Lambda's records.
     */
    static List<SQSEvent.SQSMessage> drain(LocalAwsServices aws, LocalResources.LocalQueue queue, String region,
                                           long expected) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        int empty = 0;
        while (records.size() < expected && empty < 3) {
            List<Message> batch = aws.sqs().receiveMessage(r -> r.queueUrl(queue.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(records.size() + 10 >= expected ? 1 : 0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Message m = batch.get(i);
                records.add(SqsEvents.record(m, queue.arn(), region));
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(m.receiptHandle()).build());
            }
            aws.sqs().deleteMessageBatch(d -> d.queueUrl(queue.url()).entries(entries));
        }
        return records;
    }

    /**
     * The normalizer function in this JVM, built by its component. The component does not expose its
     * pool; the pool keeps no idle connection (minimumIdle 0, idle timeout 60 s), so it is left to expire.
     */
    static final class Normalizer {
        final InboundNormalizerHandler handler;

        Normalizer(Config config) {
            this.handler = new InboundNormalizerHandler(DaggerInboundNormalizerComponent.factory().create(config));
        }
    }

    private static int share(int total, double fraction) {
        return Math.max(1, (int) Math.round(total * fraction));
    }

    /**
     * The records still to process, in queue order. A run takes the next ones and splits them between
     * its threads by message group: each group on one thread, in order, as Lambda keeps FIFO groups.
     */
    static final class Records {
        private List<SQSEvent.SQSMessage> left;
        final AtomicLong processed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Records(List<SQSEvent.SQSMessage> records) {
            this.left = records;
        }

        int remaining() {
            return left.size();
        }

        List<List<SQSEvent.SQSMessage>> take(int count, int threads) {
            List<List<SQSEvent.SQSMessage>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parts.add(new ArrayList<>());
            }
            int n = Math.min(count, left.size());
            for (SQSEvent.SQSMessage r : left.subList(0, n)) {
                String group = r.getAttributes().getOrDefault("MessageGroupId", r.getMessageId());
                parts.get(Math.floorMod(group.hashCode(), threads)).add(r);
            }
            left = left.subList(n, left.size());
            return parts;
        }
    }

    /** {@code threads} normalizers on their share of {@code count} records, each thread until its share is done. */
    static Run normalize(Normalizer normalizer, Records work, int count, String id, String title, int threads,
                                 int poolSize, int batchSize, boolean throughputRow, CpuMeter meter) throws Exception {
        if (work.remaining() == 0) {
            System.out.println("  F2 no records left for " + id + " (F1 queued too few)");
            return null;
        }
        List<List<SQSEvent.SQSMessage>> parts = work.take(count, threads);
        int[] taken = new int[threads];
        IntFunction<ClosedLoop.Calls> calls = thread -> new ClosedLoop.Calls() {
            private int last;

            @Override
            public String call() {
                List<SQSEvent.SQSMessage> mine = parts.get(thread);
                int from = taken[thread];
                if (from >= mine.size()) {
                    return ClosedLoop.DONE;
                }
                List<SQSEvent.SQSMessage> batch = mine.subList(from, Math.min(mine.size(), from + batchSize));
                SQSBatchResponse response = normalizer.handler.handleRequest(SqsEvents.event(batch), null);
                taken[thread] = from + batch.size(); // failed records too: counted, not retried here
                last = batch.size();
                work.processed.addAndGet(batch.size());
                int failures = response.getBatchItemFailures() == null ? 0 : response.getBatchItemFailures().size();
                if (failures > 0) {
                    work.failed.addAndGet(failures);
                    return failures + " of " + batch.size() + " records reported failed";
                }
                return null;
            }

            @Override
            public int items() {
                return last;
            }
        };
        ClosedLoop.Run run = ClosedLoop.run(threads, 0, 600, meter, calls);
        Run r = new Run(id, title, threads, poolSize, batchSize == 1 ? "one record" : "one batch of 10 records", batchSize,
                run, throughputRow, null, null);
        if (!id.endsWith("warmup")) {
            print("F2", r, "records/s");
        }
        return r;
    }

    private static void print(String part, Run r, String unit) {
        Stats st = r.run().stats();
        System.out.printf(Locale.ROOT, "  %-6s %-20s p50 %8s  p90 %8s  p99 %8s  max %8s ms  %7.1f %s  n=%-6d"
                        + " CPU/call: threads %.2f, rest of JVM %.2f, PostgreSQL %.2f ms  others %3.0f%% CPU%s%n",
                part, r.id(), Stats.fmt(st.p50()), Stats.fmt(st.p90()), Stats.fmt(st.p99()), Stats.fmt(st.max()),
                r.run().itemsPerSecond(), unit, st.count(), r.run().threadCpuMsPerCall(), r.run().restOfJvmCpuMsPerCall(),
                r.run().postgresCpuMsPerCall(), r.run().othersCpuPercent(),
                r.run().errors() > 0 ? "  ERRORS " + r.run().errors() + ": " + r.run().firstError() : "");
    }

    // ---- the organization ------------------------------------------------------------------------------

    /**
     * The organization, its WhatsApp connection (credentials encrypted as the channels API stores
     * them) and the existing customers: contact, WhatsApp identity and one conversation each, 70%
     * open (new or active), 20% resolved (a message reopens it), 10% closed (a message starts a new
     * one). Returns the conversations by status.
     */
    static Map<String, Long> setUp(DataSource ds, CredentialCipher cipher) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO organizations (id, name) VALUES (?, ?)")) {
                s.setObject(1, ORGANIZATION);
                s.setString(2, ORGANIZATION_NAME);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO channel_connections (id, organization_id, channel, name, external_id, status, config,
                                                     credentials_encrypted, credentials_key_id)
                    VALUES (?, ?, 'whatsapp', 'Bench WhatsApp', ?, 'active', ?::jsonb, ?, ?)""")) {
                s.setObject(1, CONNECTION);
                s.setObject(2, ORGANIZATION);
                s.setString(3, PHONE_NUMBER_ID);
                s.setString(4, "{\"wabaId\":\"" + WABA_ID + "\",\"displayPhoneNumber\":\"+1 555-010-0777\"}");
                s.setBytes(5, cipher.encrypt(CONNECTION, new Secrets(Map.of("accessToken", "bench-f-token"))));
                s.setString(6, cipher.keyId());
                s.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE bench_f_customers ON COMMIT DROP AS SELECT i, gen_random_uuid() AS contact_id,"
                        + " '" + WhatsAppDeliveries.EXISTING_PREFIX + "' || lpad(i::text, 8, '0') AS wa_id"
                        + " FROM generate_series(1, " + EXISTING_CUSTOMERS + ") i");
                s.execute("INSERT INTO contacts (id, organization_id, name, phone, created_at, updated_at)"
                        + " SELECT contact_id, '" + ORGANIZATION + "', 'Customer ' || i, '+' || wa_id, now() - interval '30 days',"
                        + " now() - interval '30 days' FROM bench_f_customers");
                s.execute("INSERT INTO contact_identities (id, organization_id, contact_id, channel, identifier, display_name,"
                        + " channel_connection_id) SELECT gen_random_uuid(), '" + ORGANIZATION + "', contact_id, 'whatsapp',"
                        + " wa_id, 'Customer ' || i, '" + CONNECTION + "' FROM bench_f_customers");
                s.execute("INSERT INTO conversations (id, organization_id, contact_id, channel, channel_connection_id, status,"
                        + " last_message_at, last_message_preview, last_inbound_at, created_at, updated_at, resolved_at, closed_at)"
                        + " SELECT gen_random_uuid(), '" + ORGANIZATION + "', contact_id, 'whatsapp', '" + CONNECTION + "',"
                        + " CASE WHEN i % 10 < 3 THEN 'new' WHEN i % 10 < 7 THEN 'active' WHEN i % 10 < 9 THEN 'resolved'"
                        + " ELSE 'closed' END, now() - (i || ' minutes')::interval, 'Earlier message', now() - (i || ' minutes')::interval,"
                        + " now() - interval '30 days', now() - (i || ' minutes')::interval,"
                        + " CASE WHEN i % 10 >= 7 THEN now() - (i || ' minutes')::interval END,"
                        + " CASE WHEN i % 10 = 9 THEN now() - (i || ' minutes')::interval END FROM bench_f_customers");
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE contacts, contact_identities, conversations, channel_connections");
            }
            return byStatus(c);
        }
    }

    private static Map<String, Long> byStatus(Connection c) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT status, count(*) FROM conversations WHERE organization_id = ?"
                + " GROUP BY status ORDER BY status")) {
            s.setObject(1, ORGANIZATION);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return result;
    }

    static Verification verify(DataSource ds, long accepted, long queued, long received, long processed, long failed,
                               long newCustomers, Map<String, Long> existingConversations, long queueAfter)
            throws SQLException {
        long existing = existingConversations.values().stream().mapToLong(Long::longValue).sum();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                SELECT (SELECT count(*) FROM messages WHERE organization_id = ?),
                       (SELECT count(DISTINCT external_id) FROM messages WHERE organization_id = ?),
                       (SELECT count(*) FROM messages WHERE organization_id = ?
                           AND (direction <> 'inbound' OR message_type <> 'text' OR channel_connection_id <> ?
                                OR external_id NOT LIKE 'wamid.%' OR content IS NULL)),
                       (SELECT count(*) FROM contacts WHERE organization_id = ?),
                       (SELECT count(*) FROM conversations WHERE organization_id = ?),
                       (SELECT count(*) FROM conversations WHERE organization_id = ? AND status IN ('new', 'active')),
                       (SELECT count(*) FROM domain_events WHERE organization_id = ?)""")) {
            Object[] params = {ORGANIZATION, ORGANIZATION, ORGANIZATION, CONNECTION, ORGANIZATION, ORGANIZATION,
                    ORGANIZATION, ORGANIZATION};
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new Verification(accepted, queued, received, processed, failed, r.getLong(1), r.getLong(2),
                        r.getLong(3), newCustomers, r.getLong(4) - EXISTING_CUSTOMERS, r.getLong(5) - existing, r.getLong(6),
                        r.getLong(7), queueAfter);
            }
        }
    }

    /** Deletes the organization and all it holds (its messages first, by organization), then vacuums. */
    static String cleanup(DataSource ds) throws SQLException {
        long messages;
        int organizations;
        long t0 = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("DELETE FROM messages WHERE organization_id = ?")) {
                s.setObject(1, ORGANIZATION);
                messages = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM domain_events WHERE organization_id = ?")) {
                s.setObject(1, ORGANIZATION);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM organizations WHERE id = ?")) {
                s.setObject(1, ORGANIZATION);
                organizations = s.executeUpdate();
            }
            c.commit();
        }
        if (organizations == 0) {
            return "";
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("messages", "conversations", "contacts", "contact_identities", "domain_events",
                    "channel_connections")) {
                s.execute("VACUUM " + table);
            }
        }
        return String.format(Locale.ROOT, "deleted the organization with its %,d messages, VACUUM; %.1f s", messages,
                (System.nanoTime() - t0) / 1e9);
    }
}
