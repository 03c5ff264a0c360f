package com.unifiedbeez.inbox.realtime;

import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CONNECTION_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CONNECTION_SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CONVERSATION_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.EXPIRES_AT;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.ORGANIZATION_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.PK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.USER_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.VIEWING;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.key;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.number;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.string;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Who views which conversation (collision detection: {@code conversation:viewing} →
 * {@code conversation:viewers}) and who types in it ({@code typing:start}/{@code typing:stop} →
 * {@code typing:indicator}). A viewer is one connection's; a user viewing on two tabs is one
 * {@link Viewer}. Each change answers whether it changed anything, so the caller announces only
 * then: the answer comes from the write's own ReturnValues (ALL_OLD), which DynamoDB gives
 * atomically, so two concurrent identical requests announce once.
 */
@Singleton
public final class ConversationViewers {
    private final RealtimeTable table;

    @Inject
    public ConversationViewers(RealtimeTable table) {
        this.table = table;
    }

    /**
     * The connection views the conversation now, for {@link RealtimeKeys#VIEWER_LIFETIME} unless
     * refreshed (this again, or the connection's ping). True when it was not viewing it before;
     * false, writing nothing, when the connection is gone, expired or not this user's in this
     * organization.
     */
    public boolean view(UUID organizationId, UUID conversationId, UUID userId, String connectionId, Instant now) {
        // The connection remembers the conversation first: a disconnect then finds every viewer item
        // the connection may have (the reverse order could leave one behind, unseen, for a minute).
        try {
            table.dynamo().updateItem(u -> u.tableName(table.name())
                    .key(key(RealtimeKeys.connectionPk(connectionId), CONNECTION_SK))
                    .updateExpression("ADD #viewing :conversation")
                    .conditionExpression("attribute_exists(#pk) AND #org = :org AND #user = :user"
                            + " AND #expiresAt > :nowSeconds")
                    .expressionAttributeNames(Map.of("#viewing", VIEWING, "#pk", PK, "#org", ORGANIZATION_ID,
                            "#user", USER_ID, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":conversation", AttributeValue.fromSs(List.of(conversationId.toString())),
                            ":org", string(organizationId.toString()), ":user", string(userId.toString()),
                            ":nowSeconds", number(now.getEpochSecond()))));
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
        Map<String, AttributeValue> before = table.dynamo().putItem(p -> p.tableName(table.name())
                .item(item(organizationId, conversationId, userId, RealtimeKeys.viewerSk(userId, connectionId),
                        now, RealtimeKeys.VIEWER_LIFETIME, Map.of(CONNECTION_ID, string(connectionId))))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return !RealtimeTable.alive(before, now);
    }

    /** The connection no longer views the conversation. True when it was viewing it. */
    public boolean leave(UUID organizationId, UUID conversationId, UUID userId, String connectionId, Instant now) {
        Map<String, AttributeValue> removed = table.dynamo().deleteItem(d -> d.tableName(table.name())
                .key(key(RealtimeKeys.conversationPk(organizationId, conversationId),
                        RealtimeKeys.viewerSk(userId, connectionId)))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        try {
            // Conditional: an update of a gone connection would create a stray item with its key.
            table.dynamo().updateItem(u -> u.tableName(table.name())
                    .key(key(RealtimeKeys.connectionPk(connectionId), CONNECTION_SK))
                    .updateExpression("DELETE #viewing :conversation")
                    .conditionExpression("attribute_exists(#pk) AND #org = :org AND #user = :user")
                    .expressionAttributeNames(Map.of("#viewing", VIEWING, "#pk", PK, "#org", ORGANIZATION_ID,
                            "#user", USER_ID))
                    .expressionAttributeValues(Map.of(":conversation", AttributeValue.fromSs(List.of(conversationId.toString())),
                            ":org", string(organizationId.toString()), ":user", string(userId.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // the connection is gone already: nothing remembers the conversation
        }
        return RealtimeTable.alive(removed, now);
    }

    /**
     * A closed connection leaves every conversation it viewed (the connection item itself is
     * {@link ConnectionRegistry#remove}'s). Returns the conversations it was still viewing, whose
     * viewers the caller announces again.
     */
    public Set<UUID> leaveAll(LiveConnection connection, Instant now) {
        Set<UUID> left = new LinkedHashSet<>();
        for (UUID conversationId : connection.viewing()) {
            Map<String, AttributeValue> removed = table.dynamo().deleteItem(d -> d.tableName(table.name())
                    .key(key(RealtimeKeys.conversationPk(connection.organizationId(), conversationId),
                            RealtimeKeys.viewerSk(connection.userId(), connection.connectionId())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
            if (RealtimeTable.alive(removed, now)) {
                left.add(conversationId);
            }
        }
        return left;
    }

    /** The users viewing the conversation now, each once, in user id order, and whether each types. */
    public List<Viewer> of(UUID organizationId, UUID conversationId, Instant now) {
        List<Map<String, AttributeValue>> items = table.queryAlive(QueryRequest.builder()
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", PK))
                .expressionAttributeValues(Map.of(":pk", string(RealtimeKeys.conversationPk(organizationId, conversationId))))
                .consistentRead(true)
                .build(), now);
        Map<UUID, Boolean> viewers = new LinkedHashMap<>();
        Set<UUID> typing = new HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = string(item, SK);
            UUID user = RealtimeTable.uuid(item, USER_ID);
            if (sk.startsWith(RealtimeKeys.VIEW_PREFIX)) {
                viewers.putIfAbsent(user, false);
            } else if (sk.startsWith(RealtimeKeys.TYPE_PREFIX)) {
                typing.add(user);
            }
        }
        return viewers.keySet().stream().map(user -> new Viewer(user, typing.contains(user))).toList();
    }

    /**
     * The user types in the conversation, for {@link RealtimeKeys#TYPING_LIFETIME} unless repeated.
     * True when they were not typing before (announce {@code isTyping: true}).
     */
    public boolean startTyping(UUID organizationId, UUID conversationId, UUID userId, Instant now) {
        Map<String, AttributeValue> before = table.dynamo().putItem(p -> p.tableName(table.name())
                .item(item(organizationId, conversationId, userId, RealtimeKeys.typingSk(userId), now,
                        RealtimeKeys.TYPING_LIFETIME, Map.of()))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return !RealtimeTable.alive(before, now);
    }

    /** The user stopped typing. True when they were typing (announce {@code isTyping: false}). */
    public boolean stopTyping(UUID organizationId, UUID conversationId, UUID userId, Instant now) {
        Map<String, AttributeValue> removed = table.dynamo().deleteItem(d -> d.tableName(table.name())
                .key(key(RealtimeKeys.conversationPk(organizationId, conversationId), RealtimeKeys.typingSk(userId)))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        return RealtimeTable.alive(removed, now);
    }

    /**
     * The connection's heartbeat extends the life of the viewers it still has. Only live ones: one
     * that lapsed (or was left) stays gone until the client says {@code conversation:viewing} again.
     */
    void refresh(LiveConnection connection, Instant now) {
        long expiresAt = RealtimeKeys.expiresAt(now, RealtimeKeys.VIEWER_LIFETIME);
        for (UUID conversationId : connection.viewing()) {
            try {
                table.dynamo().updateItem(u -> u.tableName(table.name())
                        .key(key(RealtimeKeys.conversationPk(connection.organizationId(), conversationId),
                                RealtimeKeys.viewerSk(connection.userId(), connection.connectionId())))
                        .updateExpression("SET #expiresAt = :expiresAt")
                        .conditionExpression("attribute_exists(#pk) AND #expiresAt > :nowSeconds")
                        .expressionAttributeNames(Map.of("#expiresAt", EXPIRES_AT, "#pk", PK))
                        .expressionAttributeValues(Map.of(":expiresAt", number(expiresAt),
                                ":nowSeconds", number(now.getEpochSecond()))));
            } catch (ConditionalCheckFailedException e) {
                // left or lapsed: not revived by a ping
            }
        }
    }

    private static Map<String, AttributeValue> item(UUID organizationId, UUID conversationId, UUID userId, String sk,
                                                    Instant now, Duration lifetime, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(more);
        item.put(PK, string(RealtimeKeys.conversationPk(organizationId, conversationId)));
        item.put(SK, string(sk));
        item.put(ORGANIZATION_ID, string(organizationId.toString()));
        item.put(CONVERSATION_ID, string(conversationId.toString()));
        item.put(USER_ID, string(userId.toString()));
        item.put(EXPIRES_AT, number(RealtimeKeys.expiresAt(now, lifetime)));
        return item;
    }
}
