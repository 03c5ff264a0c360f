package com.unifiedbeez.inbox.realtime;

import static com.unifiedbeez.inbox.realtime.RealtimeKeys.AUTOMATIC_STATUS;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.CHOSEN_STATUS;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.EXPIRES_AT;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.GSI2PK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.GSI2SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.ORGANIZATION_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.PK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.SK;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.UPDATED_AT;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.USER_ID;
import static com.unifiedbeez.inbox.realtime.RealtimeKeys.VERSION;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.key;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.number;
import static com.unifiedbeez.inbox.realtime.RealtimeTable.string;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Each user's presence ({@code presence:update}). Every change answers the {@link PresenceChange}
 * to announce when the user's effective status changed, and nothing otherwise.
 *
 * <p>Concurrency: a transition reads the item, decides, and writes it on condition that its
 * {@code version} is still the one read; on a lost race it decides again on what the winner wrote.
 * So two tabs connecting at once announce {@code online} once, two closing at once {@code away}
 * once, and a disconnect that found no other connection cannot overwrite a connect that happened
 * meanwhile (that connect changed the version). The heartbeat and the sweep need no read: their
 * conditions (automatically online; deadline still lapsed) are checked in the write itself.
 */
@Singleton
public final class PresenceBoard {
    /** Transitions of one user rarely collide more than once; beyond this something is wrong. */
    private static final int ATTEMPTS = 10;
    private static final int BATCH_GET_LIMIT = 100;
    private static final int BATCH_GET_ATTEMPTS = 8;

    private final RealtimeTable table;
    private final ConnectionRegistry connections;

    @Inject
    public PresenceBoard(RealtimeTable table, ConnectionRegistry connections) {
        this.table = table;
        this.connections = connections;
    }

    /** The user chooses a status: away, busy or offline stick; online returns to automatic. */
    public Optional<PresenceChange> choose(UUID organizationId, UUID userId, PresenceStatus status, Instant now) {
        return transition(organizationId, userId, now, false, state -> state.choosing(status));
    }

    /** A connection of the user opened (after {@link ConnectionRegistry#register}): automatically online. */
    public Optional<PresenceChange> connected(UUID organizationId, UUID userId, Instant now) {
        // Always written, even when nothing changes: the new version makes a disconnect deciding
        // at the same time (on connections read before this one registered) decide again.
        return transition(organizationId, userId, now, true, state -> state.online(deadline(now)));
    }

    /**
     * A connection of the user pinged: the heartbeat deadline moves on. Changes nothing visible,
     * unless the user was no longer automatically online (the sweep found the heartbeat lapsed, or
     * a disconnect raced with a connect): then back online, as {@link #connected}.
     */
    public Optional<PresenceChange> heartbeat(UUID organizationId, UUID userId, Instant now) {
        try {
            table.dynamo().updateItem(u -> u.tableName(table.name())
                    .key(key(RealtimeKeys.organizationPk(organizationId), RealtimeKeys.presenceSk(userId)))
                    .updateExpression("SET #gsi2sk = :deadline, #expiresAt = :expiresAt")
                    .conditionExpression("#automatic = :online AND #expiresAt > :nowSeconds")
                    .expressionAttributeNames(Map.of("#gsi2sk", GSI2SK, "#expiresAt", EXPIRES_AT,
                            "#automatic", AUTOMATIC_STATUS))
                    .expressionAttributeValues(Map.of(
                            ":deadline", string(RealtimeKeys.heartbeatSortKey(deadline(now))),
                            ":expiresAt", number(RealtimeKeys.expiresAt(now, RealtimeKeys.PRESENCE_LIFETIME)),
                            ":online", string(PresenceStatus.ONLINE.wireName()),
                            ":nowSeconds", number(now.getEpochSecond()))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            return connected(organizationId, userId, now);
        }
    }

    /**
     * A connection of the user closed (after {@link ConnectionRegistry#remove}): away when it was
     * the last live one, else nothing. The connections are read after the presence item, so a
     * connect in between is seen either there or as a changed version.
     */
    public Optional<PresenceChange> disconnected(UUID organizationId, UUID userId, Instant now) {
        return transition(organizationId, userId, now, false, state ->
                state.automatic() == PresenceStatus.ONLINE && connections.ofUser(organizationId, userId, now).isEmpty()
                        ? state.away() : state);
    }

    /**
     * Users automatically online whose heartbeat lapsed before {@code now} turn away: at most
     * {@code limit} of them per call (the schedule calls again). A Query of the sparse index, never
     * a Scan. Each user is moved by a write conditioned on the lapse, so a ping that came meanwhile
     * wins, and two sweeps at once announce each user once.
     */
    public List<PresenceChange> sweepLapsed(Instant now, int limit) {
        List<PresenceChange> changes = new ArrayList<>();
        int swept = 0;
        Map<String, AttributeValue> start = null;
        do {
            int room = limit - swept;
            Map<String, AttributeValue> from = start;
            QueryResponse page = table.dynamo().query(table.alive(QueryRequest.builder()
                    .indexName(RealtimeKeys.BY_HEARTBEAT)
                    .keyConditionExpression("#gsi2pk = :online AND #gsi2sk < :now")
                    .expressionAttributeNames(Map.of("#gsi2pk", GSI2PK, "#gsi2sk", GSI2SK))
                    .expressionAttributeValues(Map.of(":online", string(RealtimeKeys.ONLINE_PARTITION),
                            ":now", string(RealtimeKeys.heartbeatSortKey(now))))
                    .limit(room)
                    .build(), now).toBuilder().exclusiveStartKey(from).build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (swept == limit) {
                    break;
                }
                swept++;
                lapse(RealtimeTable.uuid(item, ORGANIZATION_ID), RealtimeTable.uuid(item, USER_ID), now)
                        .ifPresent(changes::add);
            }
            start = RealtimeTable.next(page).orElse(null);
        } while (start != null && swept < limit);
        return changes;
    }

    /** Each user's effective status at {@code now}; a user without presence (or expired) is offline. */
    public Map<UUID, PresenceStatus> of(UUID organizationId, Collection<UUID> userIds, Instant now) {
        Map<UUID, PresenceStatus> statuses = new LinkedHashMap<>();
        // BatchGetItem refuses a key twice
        List<UUID> users = new ArrayList<>(new LinkedHashSet<>(userIds));
        users.forEach(user -> statuses.put(user, PresenceStatus.OFFLINE));
        for (int from = 0; from < users.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys = users.subList(from, Math.min(users.size(), from + BATCH_GET_LIMIT))
                    .stream()
                    .map(user -> key(RealtimeKeys.organizationPk(organizationId), RealtimeKeys.presenceSk(user)))
                    .toList();
            for (Map<String, AttributeValue> item : batchGet(keys)) {
                if (RealtimeTable.alive(item, now)) {
                    statuses.put(RealtimeTable.uuid(item, USER_ID), state(item).effective());
                }
            }
        }
        return statuses;
    }

    private Optional<PresenceChange> transition(UUID organizationId, UUID userId, Instant now, boolean alwaysWrite,
                                                UnaryOperator<PresenceState> rule) {
        for (int attempt = 1; ; attempt++) {
            Stored stored = read(organizationId, userId, now);
            PresenceState next = rule.apply(stored.state());
            if (!alwaysWrite && next.equals(stored.state())) {
                return Optional.empty();
            }
            try {
                write(organizationId, userId, next, stored, now);
                return change(organizationId, userId, stored.state(), next);
            } catch (ConditionalCheckFailedException e) {
                // another transition of this user wrote first: decide again on what it wrote, after a
                // jittered pause, so a user's many tabs connecting at once do not collide in lockstep
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        long ceiling = Math.min(200, 5L << attempt);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between presence attempts", e);
        }
    }

    private Optional<PresenceChange> lapse(UUID organizationId, UUID userId, Instant now) {
        Map<String, AttributeValue> before;
        try {
            before = table.dynamo().updateItem(u -> u.tableName(table.name())
                    .key(key(RealtimeKeys.organizationPk(organizationId), RealtimeKeys.presenceSk(userId)))
                    .updateExpression("SET #automatic = :away, #updatedAt = :nowMillis, #expiresAt = :expiresAt"
                            + " REMOVE #gsi2pk, #gsi2sk ADD #version :one")
                    .conditionExpression("#automatic = :online AND #gsi2sk < :now")
                    .expressionAttributeNames(Map.of("#automatic", AUTOMATIC_STATUS, "#updatedAt", UPDATED_AT,
                            "#expiresAt", EXPIRES_AT, "#gsi2pk", GSI2PK, "#gsi2sk", GSI2SK, "#version", VERSION))
                    .expressionAttributeValues(Map.of(
                            ":away", string(PresenceStatus.AWAY.wireName()),
                            ":online", string(PresenceStatus.ONLINE.wireName()),
                            ":nowMillis", number(now.toEpochMilli()),
                            ":expiresAt", number(RealtimeKeys.expiresAt(now, RealtimeKeys.PRESENCE_LIFETIME)),
                            ":now", string(RealtimeKeys.heartbeatSortKey(now)),
                            ":one", number(1)))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty(); // a ping came since the index was read, or another sweep took it
        }
        PresenceState old = state(before);
        return change(organizationId, userId, old, old.away());
    }

    private Stored read(UUID organizationId, UUID userId, Instant now) {
        Map<String, AttributeValue> item = table.dynamo().getItem(g -> g.tableName(table.name())
                .key(key(RealtimeKeys.organizationPk(organizationId), RealtimeKeys.presenceSk(userId)))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Stored(PresenceState.NONE, 0, false);
        }
        // an expired item reads as none, but the write must still condition on its version
        PresenceState state = RealtimeTable.alive(item, now) ? state(item) : PresenceState.NONE;
        return new Stored(state, number(item, VERSION), true);
    }

    private void write(UUID organizationId, UUID userId, PresenceState next, Stored stored, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, string(RealtimeKeys.organizationPk(organizationId)));
        item.put(SK, string(RealtimeKeys.presenceSk(userId)));
        item.put(ORGANIZATION_ID, string(organizationId.toString()));
        item.put(USER_ID, string(userId.toString()));
        item.put(AUTOMATIC_STATUS, string(next.automatic().wireName()));
        if (next.chosen() != null) {
            item.put(CHOSEN_STATUS, string(next.chosen().wireName()));
        }
        if (next.automatic() == PresenceStatus.ONLINE && next.heartbeatDeadline() != null) {
            // in the sparse index only while automatically online
            item.put(GSI2PK, string(RealtimeKeys.ONLINE_PARTITION));
            item.put(GSI2SK, string(RealtimeKeys.heartbeatSortKey(next.heartbeatDeadline())));
        }
        item.put(UPDATED_AT, number(now.toEpochMilli()));
        item.put(VERSION, number(stored.version() + 1));
        item.put(EXPIRES_AT, number(RealtimeKeys.expiresAt(now, RealtimeKeys.PRESENCE_LIFETIME)));
        if (stored.exists()) {
            table.dynamo().putItem(p -> p.tableName(table.name()).item(item)
                    .conditionExpression("#version = :version")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":version", number(stored.version()))));
        } else {
            table.dynamo().putItem(p -> p.tableName(table.name()).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        }
    }

    private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, KeysAndAttributes> request = Map.of(table.name(), KeysAndAttributes.builder().keys(keys).build());
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            if (attempt > BATCH_GET_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left presence keys unprocessed " + BATCH_GET_ATTEMPTS + " times");
            }
            if (attempt > 1) {
                backOff(attempt);
            }
            Map<String, KeysAndAttributes> pending = request;
            BatchGetItemResponse response = table.dynamo().batchGetItem(b -> b.requestItems(pending));
            items.addAll(response.responses().getOrDefault(table.name(), List.of()));
            request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return items;
    }

    /** Unprocessed keys mean throttling: AWS asks for exponential backoff before asking again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(25L << Math.min(attempt, 6));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    private static Optional<PresenceChange> change(UUID organizationId, UUID userId, PresenceState before,
                                                   PresenceState after) {
        return before.effective() == after.effective() ? Optional.empty()
                : Optional.of(new PresenceChange(organizationId, userId, after.effective()));
    }

    private static Instant deadline(Instant now) {
        return now.plus(RealtimeKeys.HEARTBEAT_LAPSE).truncatedTo(ChronoUnit.MILLIS);
    }

    static PresenceState state(Map<String, AttributeValue> item) {
        PresenceStatus chosen = Optional.ofNullable(string(item, CHOSEN_STATUS)).flatMap(PresenceStatus::parse).orElse(null);
        PresenceStatus automatic = Optional.ofNullable(string(item, AUTOMATIC_STATUS)).flatMap(PresenceStatus::parse)
                .orElse(PresenceStatus.OFFLINE);
        String deadline = string(item, GSI2SK);
        return new PresenceState(chosen, automatic, deadline == null ? null : Instant.ofEpochMilli(Long.parseLong(deadline)));
    }

    private record Stored(PresenceState state, long version, boolean exists) {
    }
}
