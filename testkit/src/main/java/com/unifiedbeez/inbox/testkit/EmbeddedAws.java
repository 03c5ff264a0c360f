package com.unifiedbeez.inbox.testkit;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQS and S3 in this process, on 127.0.0.1: ElasticMQ (in memory: queues and messages go with the
 * process) and S3Proxy, on an in-memory jclouds store or on a folder whose subfolders are the
 * buckets (objects survive restarts). The tests, the local runtime and the bench all run on these;
 * they point the AWS SDK clients at {@link #sqsEndpoint()} and {@link #s3Endpoint()}.
 *
 * <p>With {@link Settings#withSqsSwitch()} the SQS endpoint is a TCP gate in front of ElasticMQ
 * that {@link #stopSqs()} closes (connections refused, open ones cut) and {@link #startSqs()} opens
 * again on the same port: SQS goes away while ElasticMQ keeps its queues and messages, as an outage
 * in AWS would.
 */
public final class EmbeddedAws implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAws.class);
    public static final String HOST = "127.0.0.1";
    /** Starts on free ports tried before giving up (each attempt chooses new ones). */
    private static final int FREE_PORT_ATTEMPTS = 3;
    /** The account id in the queue URLs and ARNs ElasticMQ hands out. */
    public static final String ACCOUNT_ID = "000000000000";

    /**
     * How to start: the region ElasticMQ names in its ARNs, the ports (0: a free one), the folder of
     * S3's buckets ({@code null}: in memory), the key pair S3Proxy checks signatures with (ElasticMQ
     * ignores credentials) and whether SQS sits behind a switch.
     */
    public record Settings(String region, int sqsPort, int s3Port, Path s3Directory, String accessKey,
                           String secretKey, boolean sqsSwitch) {
        /** Both in memory, on free ports, SQS without a switch. */
        public static Settings inMemory(String region, String accessKey, String secretKey) {
            return new Settings(region, 0, 0, null, accessKey, secretKey, false);
        }

        public Settings withPorts(int sqs, int s3) {
            return new Settings(region, sqs, s3, s3Directory, accessKey, secretKey, sqsSwitch);
        }

        public Settings withS3Directory(Path directory) {
            return new Settings(region, sqsPort, s3Port, directory, accessKey, secretKey, sqsSwitch);
        }

        public Settings withSqsSwitch() {
            return new Settings(region, sqsPort, s3Port, s3Directory, accessKey, secretKey, true);
        }
    }

    /** Which of the two did not start. */
    public enum Service {
        SQS("ElasticMQ (local SQS)"), S3("S3Proxy (local S3)");

        private final String title;

        Service(String title) {
            this.title = title;
        }
    }

    /** A server that did not start, on which port, and whether that port was taken. */
    public static final class StartFailure extends IOException {
        private final Service service;
        private final int port;
        private final boolean portTaken;

        StartFailure(Service service, int port, Throwable cause) {
            super("cannot start " + service.title + " on " + HOST + ":" + port + " (" + rootMessage(cause) + ")",
                    cause);
            this.service = service;
            this.port = port;
            this.portTaken = hasCause(cause, BindException.class);
        }

        public Service service() {
            return service;
        }

        public int port() {
            return port;
        }

        /** A {@link BindException} among the causes: S3Proxy reports a taken port so (ElasticMQ does not). */
        public boolean portTaken() {
            return portTaken;
        }
    }

    /**
     * The servers while they start: the endpoints are fixed before anything binds (the queue URLs
     * ElasticMQ hands out name its address), so clients can be built meanwhile.
     */
    public static final class Starting {
        private final Settings settings;
        private final int sqsPort;
        private final int s3Port;
        private final Future<Started<Sqs>> sqs;
        private final Future<Started<S3Start>> s3;

        private Starting(Settings settings, int sqsPort, int s3Port, Future<Started<Sqs>> sqs,
                         Future<Started<S3Start>> s3) {
            this.settings = settings;
            this.sqsPort = sqsPort;
            this.s3Port = s3Port;
            this.sqs = sqs;
            this.s3 = s3;
        }

        public String sqsEndpoint() {
            return endpoint(sqsPort);
        }

        public String s3Endpoint() {
            return endpoint(s3Port);
        }

        /** Both servers once started; when either fails, the other is stopped and the failure thrown. */
        public EmbeddedAws await() throws IOException {
            Started<Sqs> startedSqs = null;
            Started<S3Start> startedS3 = null;
            try {
                startedSqs = get(sqs);
                startedS3 = get(s3);
                return new EmbeddedAws(settings, sqsPort, startedSqs.value(), startedS3.value(), startedSqs.ms(),
                        startedS3.ms());
            } catch (IOException | RuntimeException | Error e) {
                if (startedSqs == null) {
                    startedSqs = getQuietly(sqs);
                }
                if (startedS3 == null) {
                    startedS3 = getQuietly(s3);
                }
                if (startedSqs != null) {
                    startedSqs.value().stop();
                }
                if (startedS3 != null) {
                    startedS3.value().stop();
                }
                throw e;
            }
        }
    }

    private final Settings settings;
    private final int sqsPort;
    private final Sqs sqs;
    private final S3Start s3;
    private final long sqsStartMs;
    private final long s3StartMs;

    private EmbeddedAws(Settings settings, int sqsPort, Sqs sqs, S3Start s3, long sqsStartMs, long s3StartMs) {
        this.settings = settings;
        this.sqsPort = sqsPort;
        this.sqs = sqs;
        this.s3 = s3;
        this.sqsStartMs = sqsStartMs;
        this.s3StartMs = s3StartMs;
    }

    /** Starts both and returns once they serve. */
    public static EmbeddedAws start(Settings settings) throws IOException {
        boolean freePorts = settings.sqsPort() == 0 && settings.s3Port() == 0;
        for (int attempt = 1; ; attempt++) {
            try {
                return starting(settings).await();
            } catch (StartFailure e) {
                // A free port can be taken between finding it and binding it (another process, or an
                // outgoing connection given it as its ephemeral port): choose again. Fixed ports are the
                // caller's, and a taken one is reported.
                if (!freePorts || attempt == FREE_PORT_ATTEMPTS) {
                    throw e;
                }
                LOG.info("{}; starting again on other free ports", e.getMessage());
            }
        }
    }

    /**
     * Starts ElasticMQ, then S3Proxy, on a background thread and returns at once. One after the
     * other: class loading is most of a first start, and on a 2-CPU machine starting the two side
     * by side made both slower.
     */
    public static Starting starting(Settings settings) throws IOException {
        int sqsPort = settings.sqsPort() == 0 ? freePort() : settings.sqsPort();
        int s3Port = settings.s3Port() == 0 ? freePort() : settings.s3Port();
        ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "embedded-aws-start");
            t.setDaemon(true);
            return t;
        });
        Future<Started<Sqs>> sqs = starter.submit(() -> startSqs(settings, sqsPort));
        Future<Started<S3Start>> s3 = starter.submit(() -> startS3(settings, s3Port));
        starter.shutdown();
        return new Starting(settings, sqsPort, s3Port, sqs, s3);
    }

    private record Started<T>(T value, long ms) {
    }

    /** ElasticMQ, and the gate in front of it when SQS has a switch. */
    private record Sqs(SQSRestServer server, TcpGate gate) {
        void stop() {
            if (gate != null) {
                gate.close();
            }
            try {
                server.stopAndWait();
            } catch (RuntimeException e) {
                LOG.warn("stopping ElasticMQ: {}", e.toString());
            }
        }
    }

    private record S3Start(S3Proxy proxy, BlobStoreContext blobStore) {
        void stop() {
            try {
                proxy.stop();
            } catch (Exception e) {
                LOG.warn("stopping S3Proxy: {}", e.toString());
            }
            blobStore.close();
        }
    }

    private static Started<Sqs> startSqs(Settings settings, int port) throws IOException {
        long t0 = System.nanoTime();
        TcpGate gate = null;
        SQSRestServer server = null;
        try {
            TheSQSRestServerBuilder builder = SQSRestServerBuilder.withInterface(HOST)
                    .withServerAddress(new NodeAddress("http", HOST, port, ""))
                    .withAWSRegion(settings.region())
                    .withAWSAccountId(ACCOUNT_ID);
            if (settings.sqsSwitch()) {
                gate = new TcpGate(HOST, port);
                builder = builder.withDynamicPort(); // the gate has the endpoint's port
            } else {
                builder = builder.withPort(port);
            }
            server = builder.start();
            int bound = server.waitUntilStarted().localAddress().getPort();
            if (gate != null) {
                gate.target(new InetSocketAddress(HOST, bound));
                gate.open();
            }
            return new Started<>(new Sqs(server, gate), (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            if (server != null) {
                new Sqs(server, gate).stop();
            }
            throw new StartFailure(Service.SQS, port, e);
        }
    }

    private static Started<S3Start> startS3(Settings settings, int port) throws IOException {
        long t0 = System.nanoTime();
        BlobStoreContext blobStore = null;
        try {
            ContextBuilder store;
            if (settings.s3Directory() == null) {
                store = ContextBuilder.newBuilder("transient");
            } else {
                Files.createDirectories(settings.s3Directory());
                Properties properties = new Properties();
                properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR,
                        settings.s3Directory().toAbsolutePath().toString());
                store = ContextBuilder.newBuilder("filesystem").overrides(properties);
            }
            blobStore = store.credentials(settings.accessKey(), settings.secretKey()).build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore.getBlobStore())
                    .endpoint(URI.create(endpoint(port)))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, settings.accessKey(), settings.secretKey())
                    // The SDK sends DeleteObjects with its CRC32 (x-amz-checksum-crc32) even WHEN_REQUIRED;
                    // S3 verifies it, S3Proxy 2.7 does not know the header and would answer 501
                    // (gaul/s3proxy#962). Ignored here, the batch delete works as in AWS.
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState()) || System.nanoTime() > deadline) {
                    proxy.stop();
                    throw new IOException("S3Proxy did not start (" + proxy.getState() + ")");
                }
                Thread.sleep(5);
            }
            return new Started<>(new S3Start(proxy, blobStore), (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            if (blobStore != null) {
                blobStore.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StartFailure(Service.S3, port, e);
        }
    }

    private static <T> T get(Future<T> future) throws IOException {
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(rootMessage(e), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the local SQS/S3", e);
        } catch (TimeoutException e) {
            throw new IOException("the local SQS/S3 did not start within 2 minutes", e);
        }
    }

    private static <T> T getQuietly(Future<T> future) {
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public String region() {
        return settings.region();
    }

    /** {@code http://127.0.0.1:port}; with a switch, the gate's port. */
    public String sqsEndpoint() {
        return endpoint(sqsPort);
    }

    /** {@code http://127.0.0.1:port} (path-style addressing: {@code /bucket/key}). */
    public String s3Endpoint() {
        return endpoint(s3.proxy().getPort());
    }

    /** The folder of the buckets; {@code null} when S3 is in memory. */
    public Path s3Directory() {
        return settings.s3Directory();
    }

    public long sqsStartMs() {
        return sqsStartMs;
    }

    public long s3StartMs() {
        return s3StartMs;
    }

    /** Makes SQS unreachable (connections refused, open ones cut) until {@link #startSqs()}; idempotent. */
    public void stopSqs() {
        gate().close();
    }

    /** Makes SQS reachable again on the same endpoint, with the queues and messages it had; idempotent. */
    public void startSqs() {
        gate().open();
    }

    public boolean sqsAvailable() {
        return sqs.gate() == null || sqs.gate().isOpen();
    }

    private TcpGate gate() {
        if (sqs.gate() == null) {
            throw new IllegalStateException("SQS was started without a switch (Settings.withSqsSwitch)");
        }
        return sqs.gate();
    }

    @Override
    public synchronized void close() {
        s3.stop();
        sqs.stop();
    }

    /** A port on which nothing listens now (free again once probed). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String endpoint(int port) {
        return "http://" + HOST + ":" + port;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
