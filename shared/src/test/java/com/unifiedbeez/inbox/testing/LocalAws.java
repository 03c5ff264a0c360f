package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Real SQS and S3 for tests, in-process: one ElasticMQ and one S3Proxy (transient, in-memory
 * jclouds store) per test JVM, started on first use on free ports and stopped when the JVM exits.
 * {@link #config()} points the AWS clients of {@code platform.aws} at them, so code under test
 * builds its clients exactly as in AWS. Tests share the servers: give queues and buckets names of
 * their own ({@link #unique(String)}).
 *
 * <p>SQS can be made unreachable and reachable again ({@link #stopSqs()} / {@link #startSqs()}):
 * the SQS endpoint is a TCP gate in front of ElasticMQ, which refuses connections (and cuts the
 * open ones) while stopped. ElasticMQ itself keeps running, so queues and their messages survive
 * an outage, as they would in AWS. {@link #unreachableSqsConfig()} is a configuration whose SQS
 * endpoint nothing listens on.
 *
 * <p>A module using this needs {@code org.elasticmq:elasticmq-rest-sqs_2.13}, {@code org.gaul:s3proxy}
 * (excluding {@code org.eclipse.jetty:*} and {@code ch.qos.logback:*}) and
 * {@code org.eclipse.jetty.toolchain:jetty-jakarta-servlet-api:5.0.2} in test scope: see shared/pom.xml.
 */
public final class LocalAws {
    public static final String REGION = AwsConfig.DEFAULT_REGION;
    public static final String ACCOUNT_ID = "000000000000";
    private static final String HOST = "127.0.0.1";

    private static SQSRestServer elasticMq;
    private static TcpGate sqsGate;
    private static S3Proxy s3Proxy;
    private static BlobStoreContext blobStore;
    private static SqsClient sqs;
    private static S3Client s3;
    private static S3Presigner presigner;

    private LocalAws() {
    }

    /** Starts both servers if they are not running yet. */
    public static synchronized void start() {
        if (elasticMq != null) {
            return;
        }
        try {
            sqsGate = TcpGate.bindFreePort();
            SQSRestServer server = SQSRestServerBuilder.withInterface(HOST)
                    .withDynamicPort()
                    .withServerAddress(new NodeAddress("http", HOST, sqsGate.port(), ""))
                    .withAWSRegion(REGION)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            int elasticMqPort = server.waitUntilStarted().localAddress().getPort();
            elasticMq = server;
            sqsGate.target(new InetSocketAddress(HOST, elasticMqPort));
            sqsGate.open();

            blobStore = ContextBuilder.newBuilder("transient")
                    .credentials(AwsConfig.LOCAL_ACCESS_KEY, AwsConfig.LOCAL_SECRET_KEY)
                    .build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore.getBlobStore())
                    .endpoint(URI.create("http://" + HOST + ":0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, AwsConfig.LOCAL_ACCESS_KEY,
                            AwsConfig.LOCAL_SECRET_KEY)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
            s3Proxy = proxy;
        } catch (RuntimeException e) {
            stop();
            throw e;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("cannot start the local SQS/S3 stand-ins: " + e, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LocalAws::stop, "local-aws-stop"));
    }

    private static synchronized void stop() {
        for (AutoCloseable c : new AutoCloseable[] {sqs, s3, presigner, sqsGate, blobStore}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // going away
                }
            }
        }
        if (s3Proxy != null) {
            try {
                s3Proxy.stop();
            } catch (Exception ignored) {
                // going away
            }
        }
        if (elasticMq != null) {
            elasticMq.stopAndWait();
        }
        sqs = null;
        s3 = null;
        presigner = null;
        sqsGate = null;
        blobStore = null;
        s3Proxy = null;
        elasticMq = null;
    }

    /** The SQS endpoint (the gate in front of ElasticMQ): {@code http://127.0.0.1:port}. */
    public static String sqsEndpoint() {
        start();
        return "http://" + HOST + ":" + sqsGate.port();
    }

    /** The S3 endpoint (S3Proxy, path-style): {@code http://127.0.0.1:port}. */
    public static String s3Endpoint() {
        start();
        return "http://" + HOST + ":" + s3Proxy.getPort();
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
        return config().with(AwsConfig.SQS_ENDPOINT, "http://" + HOST + ":" + deadPort());
    }

    /** Makes SQS unreachable (connections refused, open ones cut) until {@link #startSqs()}; idempotent. */
    public static void stopSqs() {
        start();
        sqsGate.close();
    }

    /** Makes SQS reachable again on the same endpoint, with the queues and messages it had; idempotent. */
    public static void startSqs() {
        start();
        sqsGate.open();
    }

    public static boolean sqsAvailable() {
        start();
        return sqsGate.isOpen();
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

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort(); // free again once closed: nothing listens there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A TCP relay on a fixed local port that can be closed (connection refused) and opened again on
     * the same port: the switch that takes "SQS" down without losing ElasticMQ's state.
     */
    static final class TcpGate implements AutoCloseable {
        private final int port;
        private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
        private volatile InetSocketAddress target;
        private ServerSocket listener;

        private TcpGate(int port) {
            this.port = port;
        }

        static TcpGate bindFreePort() throws IOException {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                return new TcpGate(probe.getLocalPort());
            }
        }

        int port() {
            return port;
        }

        void target(InetSocketAddress value) {
            this.target = value;
        }

        synchronized boolean isOpen() {
            return listener != null;
        }

        synchronized void open() {
            if (listener != null) {
                return;
            }
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 128);
                listener = socket;
                Thread acceptor = new Thread(() -> accept(socket), "sqs-gate-" + port);
                acceptor.setDaemon(true);
                acceptor.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the SQS gate on port " + port, e);
            }
        }

        @Override
        public synchronized void close() {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            for (Socket s : connections) {
                closeQuietly(s);
            }
            connections.clear();
        }

        private void accept(ServerSocket socket) {
            while (!socket.isClosed()) {
                Socket client;
                try {
                    client = socket.accept();
                } catch (IOException e) {
                    return; // closed
                }
                Socket upstream = new Socket();
                try {
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                connections.add(client);
                connections.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
                if (socket.isClosed()) { // closed while connecting: cut this one too
                    closeQuietly(client);
                    closeQuietly(upstream);
                }
            }
        }

        private void pipe(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException ignored) {
                    // closed by either side or by the gate
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                    connections.remove(from);
                    connections.remove(to);
                }
            }, "sqs-gate-pipe");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(java.io.Closeable c) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
