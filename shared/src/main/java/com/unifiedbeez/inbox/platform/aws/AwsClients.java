package com.unifiedbeez.inbox.platform.aws;

import com.unifiedbeez.inbox.platform.config.Config;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the AWS SDK clients from {@link Config}, the same way in AWS, locally and in tests.
 *
 * <ul>
 *   <li>Region and credentials are explicit (no provider chain walk, no region lookup). In Lambda
 *       the function role's credentials are in the environment ({@code AWS_ACCESS_KEY_ID}, ...) — except
 *       with SnapStart, where Lambda offers them only through the container credentials endpoint
 *       ({@value AwsConfig#CONTAINER_CREDENTIALS_URI}), which is then used. With an endpoint override
 *       (ElasticMQ, S3Proxy, dynalite) the static pair {@value AwsConfig#LOCAL_ACCESS_KEY}/{@value AwsConfig#LOCAL_SECRET_KEY}.</li>
 *   <li>The URLConnection HTTP client: no Apache/Netty on the class path, a fast cold start.</li>
 *   <li>S3 computes and validates checksums only when an operation requires them (S3Proxy would
 *       hang on the SDK's default aws-chunked, checksummed PUT), and with an endpoint override uses
 *       path-style addressing ({@code http://host:port/bucket/key}); the presigner signs the same
 *       URL shape, so a presigned PUT works against S3Proxy with a plain HTTP PUT.</li>
 * </ul>
 * Create each once per container ({@link SqsModule}, {@link S3Module} and {@link DynamoModule} do,
 * as singletons).
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static SqsClient sqs(Config config) {
        Optional<URI> endpoint = AwsConfig.sqsEndpoint(config);
        var builder = SqsClient.builder()
                .region(Region.of(AwsConfig.region(config)))
                .credentialsProvider(credentials(config, endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static DynamoDbClient dynamo(Config config) {
        Optional<URI> endpoint = AwsConfig.dynamoEndpoint(config);
        var builder = DynamoDbClient.builder()
                .region(Region.of(AwsConfig.region(config)))
                .credentialsProvider(credentials(config, endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static S3Client s3(Config config) {
        Optional<URI> endpoint = AwsConfig.s3Endpoint(config);
        var builder = S3Client.builder()
                .region(Region.of(AwsConfig.region(config)))
                .credentialsProvider(credentials(config, endpoint.isPresent()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
        return builder.build();
    }

    public static S3Presigner s3Presigner(Config config) {
        Optional<URI> endpoint = AwsConfig.s3Endpoint(config);
        var builder = S3Presigner.builder()
                .region(Region.of(AwsConfig.region(config)))
                .credentialsProvider(credentials(config, endpoint.isPresent()));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()));
        return builder.build();
    }

    /**
     * The client of a WebSocket API's {@code @connections} (API Gateway Management API) at
     * {@code endpoint} ({@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}} in AWS,
     * the local gateway's URL locally). No SDK retries: the fan-out retries throttling itself, with
     * its own backoff, and a 410 must be seen at once.
     */
    public static ApiGatewayManagementApiClient managementApi(Config config, URI endpoint, boolean localEndpoint) {
        return ApiGatewayManagementApiClient.builder()
                .region(Region.of(AwsConfig.region(config)))
                .credentialsProvider(credentials(config, localEndpoint))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    static AwsCredentialsProvider credentials(Config config, boolean localEndpoint) {
        if (localEndpoint) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsConfig.LOCAL_ACCESS_KEY,
                    AwsConfig.LOCAL_SECRET_KEY));
        }
        if (config.get(AwsConfig.CONTAINER_CREDENTIALS_URI).isPresent()) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }
}
