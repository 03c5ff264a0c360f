package com.unifiedbeez.inbox.realtime;

import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CONNECTED_AT;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CONNECTION_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CONNECTION_SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.EXPIRES_AT;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.GSI1PK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.GSI1SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.LAST_SEEN_AT;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.ORGANIZATION_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.PK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.USER_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.VIEWING;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.key;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.number;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.string;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The open WebSocket connections: registered at {@code $connect}, touched by each ping, removed at
 * {@code $disconnect} or when {@code @connections} answers 410. {@code $disconnect} is best effort in
 * AWS, so a connection also ends at its TTL (API Gateway's 2 h limit), and readers skip expired ones.
 */
@Singleton
public final class ConnectionRegistry {
    private final RealtimeTable table;
    private final ConversationViewers viewers;

    @Inject
    public ConnectionRegistry(RealtimeTable table, ConversationViewers viewers) {
        this.table = table;
        this.viewers = viewers;
    }

    public LiveConnection register(String connectionId, UUID organizationId, UUID userId, Instant now) {
        long expiresAt = RealtimeKeys.expiresAt(now, RealtimeKeys.CONNECTION_LIFETIME);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, string(RealtimeKeys.connectionPk(connectionId)));
        item.put(SK, string(CONNECTION_SK));
        item.put(GSI1PK, string(RealtimeKeys.organizationPk(organizationId)));
        item.put(GSI1SK, string(RealtimeKeys.userPrefix(userId) + connectionId));
        item.put(CONNECTION_ID, string(connectionId));
        item.put(ORGANIZATION_ID, string(organizationId.toString()));
        item.put(USER_ID, string(userId.toString()));
        item.put(CONNECTED_AT, number(now.toEpochMilli()));
        item.put(LAST_SEEN_AT, number(now.toEpochMilli()));
        item.put(EXPIRES_AT, number(expiresAt));
        // API Gateway never reuses a connection id: a plain put (a repeat replaces it, views and all)
        table.dynamo().putItem(p -> p.tableName(table.name()).item(item));
        return connection(item);
    }

    /**
     * The connection's heartbeat: its last-seen time, and the life of the viewers it holds. Empty,
     * writing nothing, when it is gone or expired.
     */
    public Optional<LiveConnection> touch(String connectionId, Instant now) {
        Map<String, AttributeValue> item;
        try {
            // Conditional: an update of a gone connection would create a stray item with its key.
            item = table.dynamo().updateItem(u -> u.tableName(table.name())
                    .key(key(RealtimeKeys.connectionPk(connectionId), CONNECTION_SK))
                    .updateExpression("SET #lastSeenAt = :lastSeenAt")
                    .conditionExpression("attribute_exists(#pk) AND #expiresAt > :nowSeconds")
                    .expressionAttributeNames(Map.of("#lastSeenAt", LAST_SEEN_AT, "#pk", PK, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":lastSeenAt", number(now.toEpochMilli()),
                            ":nowSeconds", number(now.getEpochSecond())))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
        LiveConnection connection = connection(item);
        viewers.refresh(connection, now);
        return Optional.of(connection);
    }

    /**
     * Deletes the connection and returns what it was (expired or not: the caller still settles its
     * viewers and presence), or empty when it was gone already (a second {@code $disconnect}, a 410
     * after it).
     */
    public Optional<LiveConnection> remove(String connectionId) {
        Map<String, AttributeValue> removed = table.dynamo().deleteItem(d -> d.tableName(table.name())
                .key(key(RealtimeKeys.connectionPk(connectionId), CONNECTION_SK))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return removed == null || removed.isEmpty() ? Optional.empty() : Optional.of(connection(removed));
    }

    /** The connection, if it is open at {@code now}. */
    public Optional<LiveConnection> find(String connectionId, Instant now) {
        Map<String, AttributeValue> item = table.dynamo().getItem(g -> g.tableName(table.name())
                .key(key(RealtimeKeys.connectionPk(connectionId), CONNECTION_SK))
                .consistentRead(true)).item();
        return RealtimeTable.alive(item, now) ? Optional.of(connection(item)) : Optional.empty();
    }

    /** Every connection of the organization open at {@code now} (fan-out of its events). */
    public List<LiveConnection> ofOrganization(UUID organizationId, Instant now) {
        return query("#gsi1pk = :gsi1pk", Map.of("#gsi1pk", GSI1PK),
                Map.of(":gsi1pk", string(RealtimeKeys.organizationPk(organizationId))), now);
    }

    /** The user's connections open at {@code now} (their tabs and devices). */
    public List<LiveConnection> ofUser(UUID organizationId, UUID userId, Instant now) {
        return query("#gsi1pk = :gsi1pk AND begins_with(#gsi1sk, :user)", Map.of("#gsi1pk", GSI1PK, "#gsi1sk", GSI1SK),
                Map.of(":gsi1pk", string(RealtimeKeys.organizationPk(organizationId)),
                        ":user", string(RealtimeKeys.userPrefix(userId))), now);
    }

    private List<LiveConnection> query(String keyCondition, Map<String, String> names,
                                       Map<String, AttributeValue> values, Instant now) {
        // A GSI is read eventually consistent: a connection registered a moment ago may be missing.
        return table.queryAlive(QueryRequest.builder()
                        .indexName(RealtimeKeys.BY_ORGANIZATION)
                        .keyConditionExpression(keyCondition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build(), now)
                .stream().map(ConnectionRegistry::connection).toList();
    }

    private static LiveConnection connection(Map<String, AttributeValue> item) {
        AttributeValue viewing = item.get(VIEWING);
        Set<UUID> conversations = viewing == null ? Set.of()
                : viewing.ss().stream().map(UUID::fromString).collect(Collectors.toUnmodifiableSet());
        return new LiveConnection(string(item, CONNECTION_ID), RealtimeTable.uuid(item, ORGANIZATION_ID),
                RealtimeTable.uuid(item, USER_ID), Instant.ofEpochMilli(number(item, CONNECTED_AT)),
                Instant.ofEpochMilli(number(item, LAST_SEEN_AT)), Instant.ofEpochSecond(number(item, EXPIRES_AT)),
                conversations);
    }
}
