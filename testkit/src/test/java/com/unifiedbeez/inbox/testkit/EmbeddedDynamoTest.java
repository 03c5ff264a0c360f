package com.unifiedbeez.inbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.core.exception.SdkClientException;

class EmbeddedDynamoTest {
    @Test
    void servesDynamoDbToTheSdkAndStopsWhenClosed() throws Exception {
        String endpoint;
        try (EmbeddedDynamo dynamo = EmbeddedDynamo.start();
             DynamoDbClient client = client(dynamo.endpoint())) {
            endpoint = dynamo.endpoint();
            client.createTable(b -> b.tableName("items").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            client.putItem(b -> b.tableName("items").item(Map.of("pk", AttributeValue.fromS("a"),
                    "v", AttributeValue.fromN("1"))));

            assertThat(client.getItem(b -> b.tableName("items").key(Map.of("pk", AttributeValue.fromS("a")))).item())
                    .containsEntry("v", AttributeValue.fromN("1"));
        }
        try (DynamoDbClient client = client(endpoint)) {
            assertThatThrownBy(client::listTables).isInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void twoInstancesAreSeparate() throws Exception {
        try (EmbeddedDynamo one = EmbeddedDynamo.start(); EmbeddedDynamo two = EmbeddedDynamo.start();
             DynamoDbClient first = client(one.endpoint()); DynamoDbClient second = client(two.endpoint())) {
            first.createTable(b -> b.tableName("only-here").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));

            assertThat(one.port()).isNotEqualTo(two.port());
            assertThat(first.listTables().tableNames()).containsExactly("only-here");
            assertThat(second.listTables().tableNames()).isEmpty();
        }
    }

    private static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }
}
