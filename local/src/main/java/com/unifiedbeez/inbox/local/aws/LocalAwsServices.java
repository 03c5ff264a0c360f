package com.unifiedbeez.inbox.local.aws;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testkit.EmbeddedAws;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local stand-ins for SQS and S3, in this process (testkit's {@link EmbeddedAws}): ElasticMQ in
 * memory (queues are created again from the template at every start, messages do not survive a
 * restart) and S3Proxy on a jclouds filesystem store under the data folder (objects survive
 * restarts). Both listen on 127.0.0.1; the functions reach them through the endpoint overrides of
 * {@link #config()}, and the runtime through its own clients ({@link #sqs()}, {@link #s3()}).
 */
public final class LocalAwsServices implements AutoCloseable {
    private final EmbeddedAws servers;
    private final SqsClient sqs;
    private final S3Client s3;

    private LocalAwsServices(EmbeddedAws servers, SqsClient sqs, S3Client s3) {
        this.servers = servers;
        this.sqs = sqs;
        this.s3 = s3;
    }

    /**
     * Starts ElasticMQ on {@code sqsPort} and S3Proxy on {@code s3Port} (0: a free port), S3Proxy
     * keeping its buckets as folders of {@code s3Directory}. They start on a background thread while
     * this thread builds the runtime's own SDK clients (class loading is most of a first start).
     */
    public static LocalAwsServices start(String region, int sqsPort, int s3Port, Path s3Directory) throws IOException {
        EmbeddedAws.Starting starting = EmbeddedAws.starting(EmbeddedAws.Settings
                .inMemory(region, AwsConfig.LOCAL_ACCESS_KEY, AwsConfig.LOCAL_SECRET_KEY)
                .withPorts(sqsPort, s3Port)
                .withS3Directory(s3Directory));
        Config config = Config.of(properties(region, starting.sqsEndpoint(), starting.s3Endpoint()));
        SqsClient sqs = AwsClients.sqs(config);
        // creating a bucket from another region sends a LocationConstraint, which S3Proxy's stores do not know
        S3Client s3 = AwsClients.s3(config.with(AwsConfig.REGION, "us-east-1"));
        try {
            return new LocalAwsServices(starting.await(), sqs, s3);
        } catch (EmbeddedAws.StartFailure e) {
            sqs.close();
            s3.close();
            throw withHint(e);
        } catch (IOException | RuntimeException | Error e) {
            sqs.close();
            s3.close();
            throw e;
        }
    }

    /** The failure with the option that picks another port, when a taken port may be the cause. */
    private static IOException withHint(EmbeddedAws.StartFailure e) {
        boolean sqsFailed = e.service() == EmbeddedAws.Service.SQS;
        if (!sqsFailed && !e.portTaken()) {
            return e;
        }
        return new IOException(e.getMessage() + "; is the port in use? pass " + (sqsFailed ? "--sqs-port" : "--s3-port")
                + " with another one", e);
    }

    private static Map<String, String> properties(String region, String sqsEndpoint, String s3Endpoint) {
        return Map.of(AwsConfig.REGION, region, AwsConfig.SQS_ENDPOINT, sqsEndpoint, AwsConfig.S3_ENDPOINT, s3Endpoint);
    }

    public String region() {
        return servers.region();
    }

    public String sqsEndpoint() {
        return servers.sqsEndpoint();
    }

    public String s3Endpoint() {
        return servers.s3Endpoint();
    }

    public Path s3Directory() {
        return servers.s3Directory();
    }

    public long sqsStartMs() {
        return servers.sqsStartMs();
    }

    public long s3StartMs() {
        return servers.s3StartMs();
    }

    /** What the functions get: the region and both endpoint overrides (AwsClients then uses local credentials). */
    public Map<String, String> properties() {
        return properties(region(), sqsEndpoint(), s3Endpoint());
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
        servers.close();
    }
}
