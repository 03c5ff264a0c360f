package com.unifiedbeez.inbox.local.aws;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stand-ins for SQS and S3, in this process: ElasticMQ (in memory: queues are created
 * again from the template at every start, messages do not survive a restart) and S3Proxy on a
 * jclouds filesystem store under the data folder (objects survive restarts). Both listen on
 * 127.0.0.1; the functions reach them through the endpoint overrides of {@link #config()}.
 */
public final class LocalAwsServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAwsServices.class);
    public static final String HOST = "127.0.0.1";
    public static final String ACCOUNT_ID = "000000000000";

    private final String region;
    private final SQSRestServer elasticMq;
    private final int sqsPort;
    private final S3Proxy s3Proxy;
    private final BlobStoreContext blobStore;
    private final Path s3Directory;
    private final long sqsStartMs;
    private final long s3StartMs;
    private final SqsClient sqs;
    private final S3Client s3;

    private LocalAwsServices(String region, SQSRestServer elasticMq, int sqsPort, S3Proxy s3Proxy,
                             BlobStoreContext blobStore, Path s3Directory, long sqsStartMs, long s3StartMs,
                             SqsClient sqs, S3Client s3) {
        this.region = region;
        this.elasticMq = elasticMq;
        this.sqsPort = sqsPort;
        this.s3Proxy = s3Proxy;
        this.blobStore = blobStore;
        this.s3Directory = s3Directory;
        this.sqsStartMs = sqsStartMs;
        this.s3StartMs = s3StartMs;
        this.sqs = sqs;
        this.s3 = s3;
    }

    /**
     * Starts ElasticMQ on {@code sqsPort} and S3Proxy on {@code s3Port} (0: a free port), S3Proxy
     * keeping its buckets as folders of {@code s3Directory}. They start one after the other on a
     * background thread while this thread builds the runtime's own SDK clients (class loading is most
     * of a first start; on a 2-CPU machine starting the two side by side made both slower).
     */
    public static LocalAwsServices start(String region, int sqsPort, int s3Port, Path s3Directory) throws IOException {
        // The endpoints are fixed before anything binds: the queue URLs ElasticMQ hands out name its
        // address, and the clients are built while the servers start.
        int sqsBind = sqsPort == 0 ? freePort() : sqsPort;
        int s3Bind = s3Port == 0 ? freePort() : s3Port;
        ExecutorService starters = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-aws-start");
            t.setDaemon(true);
            return t;
        });
        Future<Started<SQSRestServer>> sqsStart = starters.submit(() -> startElasticMq(region, sqsBind));
        Future<Started<S3Start>> s3Start = starters.submit(() -> startS3Proxy(s3Bind, s3Directory));
        starters.shutdown();
        Config config = Config.of(Map.of(AwsConfig.REGION, region, AwsConfig.SQS_ENDPOINT, "http://" + HOST + ":" + sqsBind,
                AwsConfig.S3_ENDPOINT, "http://" + HOST + ":" + s3Bind));
        SqsClient sqs = AwsClients.sqs(config);
        // creating a bucket from another region sends a LocationConstraint, which S3Proxy's stores do not know
        S3Client s3 = AwsClients.s3(config.with(AwsConfig.REGION, "us-east-1"));
        Started<SQSRestServer> elasticMq = null;
        Started<S3Start> s3Proxy = null;
        try {
            elasticMq = await(sqsStart);
            s3Proxy = await(s3Start);
            return new LocalAwsServices(region, elasticMq.value(), sqsBind, s3Proxy.value().proxy(),
                    s3Proxy.value().blobStore(), s3Directory, elasticMq.ms(), s3Proxy.ms(), sqs, s3);
        } catch (IOException | RuntimeException | Error e) {
            sqs.close();
            s3.close();
            if (elasticMq == null) {
                elasticMq = awaitQuietly(sqsStart);
            }
            if (s3Proxy == null) {
                s3Proxy = awaitQuietly(s3Start);
            }
            if (elasticMq != null) {
                elasticMq.value().stopAndWait();
            }
            if (s3Proxy != null) {
                s3Proxy.value().stop();
            }
            throw e;
        }
    }

    private record Started<T>(T value, long ms) {
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

    private static Started<SQSRestServer> startElasticMq(String region, int port) throws IOException {
        long t0 = System.nanoTime();
        try {
            SQSRestServer server = SQSRestServerBuilder.withInterface(HOST)
                    .withPort(port)
                    .withServerAddress(new NodeAddress("http", HOST, port, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(ACCOUNT_ID)
                    .start();
            server.waitUntilStarted();
            return new Started<>(server, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            throw new IOException("cannot start ElasticMQ (local SQS) on " + HOST + ":" + port + " (" + rootMessage(e)
                    + "); is the port in use? pass --sqs-port with another one", e);
        }
    }

    private static Started<S3Start> startS3Proxy(int port, Path s3Directory) throws IOException {
        long t0 = System.nanoTime();
        BlobStoreContext blobStore = null;
        try {
            Files.createDirectories(s3Directory);
            Properties properties = new Properties();
            properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, s3Directory.toAbsolutePath().toString());
            blobStore = ContextBuilder.newBuilder("filesystem")
                    .credentials(AwsConfig.LOCAL_ACCESS_KEY, AwsConfig.LOCAL_SECRET_KEY)
                    .overrides(properties)
                    .build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(blobStore.getBlobStore())
                    .endpoint(URI.create("http://" + HOST + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, AwsConfig.LOCAL_ACCESS_KEY,
                            AwsConfig.LOCAL_SECRET_KEY)
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
            String hint = hasCause(e, BindException.class) ? "; is the port in use? pass --s3-port with another one" : "";
            throw new IOException("cannot start S3Proxy (local S3) on " + HOST + ":" + port + " (" + rootMessage(e)
                    + ")" + hint, e);
        }
    }

    private static <T> T await(Future<T> future) throws IOException {
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

    private static <T> T awaitQuietly(Future<T> future) {
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public String region() {
        return region;
    }

    public String sqsEndpoint() {
        return "http://" + HOST + ":" + sqsPort;
    }

    public String s3Endpoint() {
        return "http://" + HOST + ":" + s3Proxy.getPort();
    }

    public Path s3Directory() {
        return s3Directory;
    }

    public long sqsStartMs() {
        return sqsStartMs;
    }

    public long s3StartMs() {
        return s3StartMs;
    }

    /** What the functions get: the region and both endpoint overrides (AwsClients then uses local credentials). */
    public Map<String, String> properties() {
        return Map.of(AwsConfig.REGION, region, AwsConfig.SQS_ENDPOINT, sqsEndpoint(), AwsConfig.S3_ENDPOINT,
                s3Endpoint());
    }

    public Config config() {
        return Config.of(properties());
    }

    /** The runtime's own SQS client (creating queues, polling for the event sources). */
    public SqsClient sqs() {
        return sqs;
    }

    /**
     * The runtime's own S3 client, in us-east-1: creating a bucket from another region sends a
     * LocationConstraint, which S3Proxy's stores do not know.
     */
    public S3Client s3() {
        return s3;
    }

    @Override
    public synchronized void close() {
        sqs.close();
        s3.close();
        try {
            s3Proxy.stop();
        } catch (Exception e) {
            LOG.warn("stopping S3Proxy: {}", e.toString());
        }
        blobStore.close();
        try {
            elasticMq.stopAndWait();
        } catch (RuntimeException e) {
            LOG.warn("stopping ElasticMQ: {}", e.toString());
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
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
