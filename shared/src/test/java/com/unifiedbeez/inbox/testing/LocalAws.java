package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testkit.EmbeddedAws;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real SQS and S3 for tests, in-process: one {@link EmbeddedAws} (ElasticMQ and S3Proxy on an
 * in-memory store) per test JVM, started on first use on free ports and stopped when the JVM exits.
 * {@link #config()} points the AWS clients of {@code platform.aws} at them, so code under test
 * builds its clients exactly as in AWS. Tests share the servers: give queues and buckets names of
 * their own ({@link #unique(String)}).
 *
 * <p>SQS can be made unreachable and reachable again ({@link #stopSqs()} / {@link #startSqs()}):
 * it runs behind EmbeddedAws's switch, so queues and their messages survive an outage, as they
 * would in AWS. {@link #unreachableSqsConfig()} is a configuration whose SQS endpoint nothing
 * listens on.
 *
 * <p>A module using this needs {@code testkit} in test scope (and the SDK's sqs and s3 clients).
 */
public final class LocalAws {
    public static final String REGION = AwsConfig.DEFAULT_REGION;
    public static final String ACCOUNT_ID = EmbeddedAws.ACCOUNT_ID;

    private static EmbeddedAws servers;
    private static SqsClient sqs;
    private static S3Client s3;
    private static S3Presigner presigner;

    private LocalAws() {
    }

    /** Starts both servers if they are not running yet. */
    public static synchronized void start() {
        if (servers != null) {
            return;
        }
        try {
            servers = EmbeddedAws.start(EmbeddedAws.Settings.inMemory(REGION, AwsConfig.LOCAL_ACCESS_KEY,
                    AwsConfig.LOCAL_SECRET_KEY).withSqsSwitch());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local SQS/S3 stand-ins: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LocalAws::stop, "local-aws-stop"));
    }

    private static synchronized void stop() {
        for (AutoCloseable c : new AutoCloseable[] {sqs, s3, presigner, servers}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // going away
                }
            }
        }
        sqs = null;
        s3 = null;
        presigner = null;
        servers = null;
    }

    /** The SQS endpoint (the switch in front of ElasticMQ): {@code http://127.0.0.1:port}. */
    public static String sqsEndpoint() {
        start();
        return servers.sqsEndpoint();
    }

    /** The S3 endpoint (S3Proxy, path-style): {@code http://127.0.0.1:port}. */
    public static String s3Endpoint() {
        start();
        return servers.s3Endpoint();
    }

    /** The configuration a function gets to use these servers: region and both endpoint overrides. */
    public static Config config() {
        return Config.of(Map.of(
                AwsConfig.REGION, REGION,
                AwsConfig.SQS_ENDPOINT, sqsEndpoint(),
                AwsConfig.S3_ENDPOINT, s3Endpoint()));
    }

    /** {@code base} (e.g. {@link TestDatabase#config()}) with the region and endpoints of {@link #config()}. */
    public static Config config(Config base) {
        return base.with(AwsConfig.REGION, REGION)
                .with(AwsConfig.SQS_ENDPOINT, sqsEndpoint())
                .with(AwsConfig.S3_ENDPOINT, s3Endpoint());
    }

    /** {@link #config()} with an SQS endpoint on which nothing listens: every SQS call fails to connect. */
    public static Config unreachableSqsConfig() {
        try {
            return config().with(AwsConfig.SQS_ENDPOINT, "http://" + EmbeddedAws.HOST + ":" + EmbeddedAws.freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes SQS unreachable (connections refused, open ones cut) until {@link #startSqs()}; idempotent. */
    public static void stopSqs() {
        start();
        servers.stopSqs();
    }

    /** Makes SQS reachable again on the same endpoint, with the queues and messages it had; idempotent. */
    public static void startSqs() {
        start();
        servers.startSqs();
    }

    public static boolean sqsAvailable() {
        start();
        return servers.sqsAvailable();
    }

    /** A client of the test SQS (shared; do not close). */
    public static synchronized SqsClient sqs() {
        start();
        if (sqs == null) {
            sqs = AwsClients.sqs(config());
        }
        return sqs;
    }

    /** A client of the test S3 (shared; do not close). */
    public static synchronized S3Client s3() {
        start();
        if (s3 == null) {
            s3 = AwsClients.s3(config());
        }
        return s3;
    }

    /** A presigner for the test S3 (shared; do not close). */
    public static synchronized S3Presigner presigner() {
        start();
        if (presigner == null) {
            presigner = AwsClients.s3Presigner(config());
        }
        return presigner;
    }

    /** {@code prefix-<random>}, a name no other test uses (queue and bucket names alike). */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates a queue (idempotent for the same attributes) and returns its URL. A FIFO queue's name
     * gets the {@code .fifo} suffix if it lacks it; it deduplicates by MessageDeduplicationId only
     * (ContentBasedDeduplication false), as the template's OutboundQueue.
     */
    public static String createQueue(String name, boolean fifo) {
        return createQueue(name, fifo, Map.of());
    }

    /** {@link #createQueue(String, boolean)} with more attributes (VisibilityTimeout, RedrivePolicy, ...). */
    public static String createQueue(String name, boolean fifo, Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> all = new HashMap<>(attributes);
        String queueName = name;
        if (fifo) {
            queueName = name.endsWith(".fifo") ? name : name + ".fifo";
            all.put(QueueAttributeName.FIFO_QUEUE, "true");
            all.putIfAbsent(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false");
        } else if (name.endsWith(".fifo")) {
            throw new IllegalArgumentException("a standard queue's name cannot end with .fifo: " + name);
        }
        String finalName = queueName;
        return sqs().createQueue(b -> b.queueName(finalName).attributes(all)).queueUrl();
    }

    /**
     * Creates a queue whose messages go to {@code deadLetterQueueUrl} after {@code maxReceiveCount}
     * receives, as the template's RedrivePolicy does.
     */
    public static String createQueueWithDlq(String name, boolean fifo, String deadLetterQueueUrl, int maxReceiveCount,
                                            int visibilityTimeoutSeconds) {
        String redrive = "{\"deadLetterTargetArn\":\"" + queueArn(deadLetterQueueUrl) + "\",\"maxReceiveCount\":\""
                + maxReceiveCount + "\"}";
        return createQueue(name, fifo, Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
    }

    /** Everything waiting on {@code queueUrl} now, with its system attributes, taken off the queue. */
    public static List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (batch.isEmpty()) {
                return all;
            }
            for (Message m : batch) {
                all.add(m);
                sqs().deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    public static String queueArn(String queueUrl) {
        return sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /**
     * Creates a bucket (idempotent) and returns its name. Through a us-east-1 client: the SDK sends
     * other regions as a LocationConstraint, which S3Proxy's stores do not know; objects are then
     * read and written with clients of any region.
     */
    public static synchronized String createBucket(String name) {
        start();
        try (S3Client admin = AwsClients.s3(config().with(AwsConfig.REGION, "us-east-1"))) {
            if (admin.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(name))) {
                admin.createBucket(b -> b.bucket(name));
            }
        }
        return name;
    }
}
