package com.unifiedbeez.inbox.platform.aws;

import com.unifiedbeez.inbox.platform.config.Config;
import java.net.URI;
import java.util.Optional;

/**
 * The configuration names of the AWS clients (read through {@link Config}: environment variables
 * overlaid by system properties). In AWS only {@value #REGION} is set (by Lambda itself); the
 * endpoint overrides are for the local runtime and tests, which point the clients at ElasticMQ,
 * S3Proxy and dynalite.
 */
public final class AwsConfig {
    /** The region of every client; Lambda sets it. */
    public static final String REGION = "AWS_REGION";
    public static final String DEFAULT_REGION = "eu-west-2";
    /** Optional SQS endpoint override (ElasticMQ locally). Set: static credentials local/local. */
    public static final String SQS_ENDPOINT = "INBOX_SQS_ENDPOINT";
    /** Optional S3 endpoint override (S3Proxy locally). Set: static credentials, path-style addressing. */
    public static final String S3_ENDPOINT = "INBOX_S3_ENDPOINT";
    /** Optional DynamoDB endpoint override (dynalite locally). Set: static credentials local/local. */
    public static final String DYNAMODB_ENDPOINT = "INBOX_DYNAMODB_ENDPOINT";
    /** The outbound FIFO queue's URL (template: {@code !Ref OutboundQueue}). */
    public static final String OUTBOUND_QUEUE_URL = "INBOX_OUTBOUND_QUEUE_URL";
    /** The media bucket's name (template: {@code !Ref MediaBucket}). */
    public static final String MEDIA_BUCKET = "INBOX_MEDIA_BUCKET";
    /** The realtime table's name: connections, viewers, typing, presence (template: {@code !Ref RealtimeTable}). */
    public static final String REALTIME_TABLE = "INBOX_REALTIME_TABLE";

    /**
     * Set by Lambda when SnapStart is on: the role's credentials come from this endpoint, and the
     * {@code AWS_ACCESS_KEY_ID} family of variables is absent.
     */
    public static final String CONTAINER_CREDENTIALS_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    /** Access key and secret of the local stand-ins (ElasticMQ ignores them; S3Proxy checks them). */
    public static final String LOCAL_ACCESS_KEY = "local";
    public static final String LOCAL_SECRET_KEY = "local";

    private AwsConfig() {
    }

    public static String region(Config config) {
        return config.get(REGION).orElse(DEFAULT_REGION);
    }

    public static Optional<URI> sqsEndpoint(Config config) {
        return config.get(SQS_ENDPOINT).map(AwsConfig::uri);
    }

    public static Optional<URI> s3Endpoint(Config config) {
        return config.get(S3_ENDPOINT).map(AwsConfig::uri);
    }

    public static Optional<URI> dynamoEndpoint(Config config) {
        return config.get(DYNAMODB_ENDPOINT).map(AwsConfig::uri);
    }

    private static URI uri(String value) {
        URI uri = URI.create(value.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalStateException("an AWS endpoint override must be an absolute URL, got '" + value + "'");
        }
        return uri;
    }
}
