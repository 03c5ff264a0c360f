package com.unifiedbeez.inbox.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The realtime table's items: one DynamoDB table (template.yaml {@code RealtimeTable}), single-table
 * design, every item with the TTL attribute {@value #EXPIRES_AT} (epoch seconds).
 *
 * <pre>
 * item        pk                          sk                          gsi1 byOrganization              gsi2 byHeartbeat       expiresAt
 * ----------  --------------------------  --------------------------  -------------------------------  ---------------------  ---------------------
 * connection  CONN#&lt;connectionId&gt;         CONN                        ORG#&lt;org&gt;                        -                      connect + 2 h + 1 min
 *                                                                     USER#&lt;user&gt;#&lt;connectionId&gt;
 * viewer      CONV#&lt;org&gt;#&lt;conversation&gt;   VIEW#&lt;user&gt;#&lt;connectionId&gt;  -                                -                      now + 60 s (refreshed)
 * typing      CONV#&lt;org&gt;#&lt;conversation&gt;   TYPE#&lt;user&gt;                 -                                -                      now + 8 s (refreshed)
 * presence    ORG#&lt;org&gt;                    PRESENCE#&lt;user&gt;             -                                ONLINE                 last write + 30 d
 *                                                                                                      &lt;deadline ms, padded&gt;
 * </pre>
 *
 * <ul>
 *   <li>A connection is found by id (GetItem), an organization's and one user's connections by a
 *       Query on {@value #BY_ORGANIZATION} (the user's: {@code begins_with(gsi1sk, USER#<user>#)}).
 *       It carries {@value #VIEWING}, the conversations it views, so a disconnect leaves them all.</li>
 *   <li>A conversation's viewers and typists are one Query on its partition.</li>
 *   <li>Presence holds the chosen status (sticky), the automatic one and a version for conditional
 *       writes; only while automatically online it is in the sparse index {@value #BY_HEARTBEAT},
 *       sorted by heartbeat deadline, so the sweep finds lapsed heartbeats with a Query, never a Scan.</li>
 *   <li>DynamoDB deletes expired items lazily (up to days later; dynalite never): every reader
 *       compares {@value #EXPIRES_AT} with now ({@link #alive}).</li>
 * </ul>
 */
public final class RealtimeKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String GSI1PK = "gsi1pk";
    public static final String GSI1SK = "gsi1sk";
    public static final String GSI2PK = "gsi2pk";
    public static final String GSI2SK = "gsi2sk";
    /** The TTL attribute of every item (template: TimeToLiveSpecification), epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";
    public static final String BY_ORGANIZATION = "byOrganization";
    public static final String BY_HEARTBEAT = "byHeartbeat";

    static final String ORGANIZATION_ID = "organizationId";
    static final String USER_ID = "userId";
    static final String CONNECTION_ID = "connectionId";
    static final String CONVERSATION_ID = "conversationId";
    static final String CONNECTED_AT = "connectedAt";
    static final String LAST_SEEN_AT = "lastSeenAt";
    static final String VIEWING = "viewing";
    static final String CHOSEN_STATUS = "chosenStatus";
    static final String AUTOMATIC_STATUS = "automaticStatus";
    static final String UPDATED_AT = "updatedAt";
    static final String VERSION = "version";

    static final String CONNECTION_SK = "CONN";
    static final String VIEW_PREFIX = "VIEW#";
    static final String TYPE_PREFIX = "TYPE#";
    static final String PRESENCE_PREFIX = "PRESENCE#";
    /** gsi2pk of every automatically online user: the sweep reads one partition. */
    static final String ONLINE_PARTITION = "ONLINE";

    /** API Gateway closes a WebSocket connection after 2 h; the minute covers clock skew. */
    public static final Duration CONNECTION_LIFETIME = Duration.ofHours(2).plusMinutes(1);
    /** A viewer not refreshed ({@code conversation:viewing} or {@code ping}) for this long is gone. */
    public static final Duration VIEWER_LIFETIME = Duration.ofSeconds(60);
    /** A typing indicator not repeated ({@code typing:start}) for this long has stopped. */
    public static final Duration TYPING_LIFETIME = Duration.ofSeconds(8);
    /** Without a ping for this long, an automatically online user turns away (the sweep). */
    public static final Duration HEARTBEAT_LAPSE = Duration.ofSeconds(60);
    /** A presence item lives this long after its last write; then the user reads as offline. */
    public static final Duration PRESENCE_LIFETIME = Duration.ofDays(30);

    private RealtimeKeys() {
    }

    static String connectionPk(String connectionId) {
        return "CONN#" + connectionId;
    }

    static String organizationPk(UUID organizationId) {
        return "ORG#" + organizationId;
    }

    /** gsi1sk of a user's connections; with the connection id appended, of one connection. */
    static String userPrefix(UUID userId) {
        return "USER#" + userId + "#";
    }

    static String conversationPk(UUID organizationId, UUID conversationId) {
        return "CONV#" + organizationId + "#" + conversationId;
    }

    static String viewerSk(UUID userId, String connectionId) {
        return VIEW_PREFIX + userId + "#" + connectionId;
    }

    static String typingSk(UUID userId) {
        return TYPE_PREFIX + userId;
    }

    static String presenceSk(UUID userId) {
        return PRESENCE_PREFIX + userId;
    }

    /** Epoch milliseconds, zero-padded so that string order is time order (gsi2sk is a string). */
    static String heartbeatSortKey(Instant deadline) {
        return String.format("%015d", deadline.toEpochMilli());
    }

    /** The TTL value of an item living {@code lifetime} from {@code now}: epoch seconds, rounded up. */
    static long expiresAt(Instant now, Duration lifetime) {
        Instant end = now.plus(lifetime);
        return end.getNano() == 0 ? end.getEpochSecond() : end.getEpochSecond() + 1;
    }

    /** Whether an item with this TTL value is still there for a reader at {@code now}. */
    static boolean alive(long expiresAt, Instant now) {
        return now.getEpochSecond() < expiresAt;
    }
}
