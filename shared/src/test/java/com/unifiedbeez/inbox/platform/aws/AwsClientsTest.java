package com.unifiedbeez.inbox.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.platform.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** How the clients are configured, without a network. */
class AwsClientsTest {
    @Test
    void credentialsAreChosenWithoutWalkingAChain() {
        Config lambda = Config.of(Map.of(AwsConfig.REGION, "eu-west-2"));
        assertThat(AwsClients.credentials(lambda, false)).isInstanceOf(EnvironmentVariableCredentialsProvider.class);
        Config snapStart = lambda.with(AwsConfig.CONTAINER_CREDENTIALS_URI, "http://127.0.0.1:9001/2018-06-01/credentials");
        assertThat(AwsClients.credentials(snapStart, false)).isInstanceOf(ContainerCredentialsProvider.class);
        Config local = lambda.with(AwsConfig.SQS_ENDPOINT, "http://127.0.0.1:9324");
        assertThat(AwsClients.credentials(local, true)).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(AwsClients.credentials(local, true).resolveCredentials().accessKeyId()).isEqualTo("local");
    }

    @Test
    void regionDefaultsToLondonAndEndpointsMustBeAbsolute() {
        assertThat(AwsConfig.region(Config.of(Map.of()))).isEqualTo("eu-west-2");
        assertThat(AwsConfig.sqsEndpoint(Config.of(Map.of()))).isEmpty();
        assertThat(AwsConfig.dynamoEndpoint(Config.of(Map.of()))).isEmpty();
        assertThat(AwsConfig.dynamoEndpoint(Config.of(Map.of(AwsConfig.DYNAMODB_ENDPOINT, "http://127.0.0.1:4567"))))
                .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(4567));
        assertThat(AwsConfig.s3Endpoint(Config.of(Map.of(AwsConfig.S3_ENDPOINT, " http://127.0.0.1:9000 "))))
                .hasValueSatisfying(uri -> assertThat(uri.getPort()).isEqualTo(9000));
        assertThatThrownBy(() -> AwsConfig.sqsEndpoint(Config.of(Map.of(AwsConfig.SQS_ENDPOINT, "localhost:9324"))))
                .hasMessageContaining("absolute URL");
    }
}
