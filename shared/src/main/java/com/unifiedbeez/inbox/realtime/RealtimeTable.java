package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The realtime table ({@value AwsConfig#REALTIME_TABLE}) and its client, shared by the classes that
 * own its items ({@link ConnectionRegistry}, {@link ConversationViewers}, {@link PresenceBoard});
 * the key layout is {@link RealtimeKeys}'s.
 */
@Singleton
public final class RealtimeTable {
    private final DynamoDbClient dynamo;
    private final String name;
    /** Items per Query page; 0: DynamoDB's own (1 MB). Tests set a small one to read many pages. */
    private final int pageSize;

    @Inject
    public RealtimeTable(DynamoDbClient dynamo, Config config) {
        this(dynamo, config.require(AwsConfig.REALTIME_TABLE), 0);
    }

    RealtimeTable(DynamoDbClient dynamo, String name, int pageSize) {
        this.dynamo = dynamo;
        this.name = name;
        this.pageSize = pageSize;
    }

    public String name() {
        return name;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    /**
     * Every item of {@code query} (this table, or its index) still alive at {@code now}, through all
     * pages (LastEvaluatedKey). Expired items are filtered by DynamoDB, which has not deleted them yet.
     */
    List<Map<String, AttributeValue>> queryAlive(QueryRequest query, Instant now) {
        QueryRequest first = alive(query, now);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(first.toBuilder().exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = next(page).orElse(null);
        } while (start != null);
        return items;
    }

    /** {@code query} on this table with the expiry filter and the page size; the caller pages. */
    QueryRequest alive(QueryRequest query, Instant now) {
        Map<String, String> names = new HashMap<>(query.expressionAttributeNames());
        names.put("#expiresAt", RealtimeKeys.EXPIRES_AT);
        Map<String, AttributeValue> values = new HashMap<>(query.expressionAttributeValues());
        values.put(":nowSeconds", number(now.getEpochSecond()));
        String filter = "#expiresAt > :nowSeconds";
        if (query.filterExpression() != null) {
            filter = "(" + query.filterExpression() + ") AND " + filter;
        }
        QueryRequest.Builder builder = query.toBuilder().tableName(name).filterExpression(filter)
                .expressionAttributeNames(names).expressionAttributeValues(values);
        if (pageSize > 0) {
            builder.limit(query.limit() == null ? pageSize : Math.min(pageSize, query.limit()));
        }
        return builder.build();
    }

    static Optional<Map<String, AttributeValue>> next(QueryResponse page) {
        return page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? Optional.of(page.lastEvaluatedKey()) : Optional.empty();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(RealtimeKeys.PK, string(pk), RealtimeKeys.SK, string(sk));
    }

    static AttributeValue string(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    static UUID uuid(Map<String, AttributeValue> item, String attribute) {
        return UUID.fromString(string(item, attribute));
    }

    static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    /** Whether an item read from the table is still there for a reader at {@code now}. */
    static boolean alive(Map<String, AttributeValue> item, Instant now) {
        return item != null && !item.isEmpty()
                && RealtimeKeys.alive(number(item, RealtimeKeys.EXPIRES_AT), now);
    }
}
