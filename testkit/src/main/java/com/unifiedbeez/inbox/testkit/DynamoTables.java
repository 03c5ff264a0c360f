package com.unifiedbeez.inbox.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A table exactly as a template's {@code AWS::DynamoDB::Table} defines it (keys, attributes, global
 * secondary indexes, billing), made on a local DynamoDB: the tests and the local runtime use what
 * gets deployed. TTL and encryption are not part of CreateTable (and dynalite has neither).
 */
public final class DynamoTables {
    private DynamoTables() {
    }

    /** Creates {@code name} from the resource's {@code Properties} and returns once it is ACTIVE. */
    public static String create(DynamoDbClient client, JsonNode properties, String name) {
        client.createTable(request(properties, name));
        // dynalite may answer CREATING at first; the SDK's default waiter would then sleep 20 s
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(w -> w.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(25)))
                        .waitTimeout(Duration.ofSeconds(30)).maxAttempts(1200))
                .build()) {
            waiter.waitUntilTableExists(w -> w.tableName(name));
        }
        return name;
    }

    /** CloudFormation's table properties as a CreateTable request. */
    public static CreateTableRequest request(JsonNode properties, String name) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        properties.path("AttributeDefinitions").forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        properties.path("GlobalSecondaryIndexes").forEach(i -> indexes.add(GlobalSecondaryIndex.builder()
                .indexName(i.path("IndexName").asText())
                .keySchema(keySchema(i.path("KeySchema")))
                .projection(Projection.builder().projectionType(i.path("Projection").path("ProjectionType").asText())
                        .nonKeyAttributes(texts(i.path("Projection").path("NonKeyAttributes"))).build())
                .provisionedThroughput(throughput(i.path("ProvisionedThroughput")))
                .build()));
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributes)
                .keySchema(keySchema(properties.path("KeySchema")))
                .billingMode(BillingMode.fromValue(properties.path("BillingMode").asText("PROVISIONED")))
                .provisionedThroughput(throughput(properties.path("ProvisionedThroughput")));
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText()).keyType(k.path("KeyType").asText()).build()));
        return keys;
    }

    private static ProvisionedThroughput throughput(JsonNode throughput) {
        return throughput.isMissingNode() ? null : ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.path("ReadCapacityUnits").asLong())
                .writeCapacityUnits(throughput.path("WriteCapacityUnits").asLong()).build();
    }

    private static List<String> texts(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return values.isEmpty() ? null : values;
    }
}
