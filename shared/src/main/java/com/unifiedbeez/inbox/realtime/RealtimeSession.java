package com.unifiedbeez.inbox.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.CallerResolver;
import com.unifiedbeez.inbox.platform.auth.TokenVerifier;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebSocket connection's life: {@code $connect} (the token verified, the user checked against the
 * database, the connection registered, presence announced), its actions ({@code $default}, routed by
 * {@code action}), and {@code $disconnect}. An action answers with at most one frame for the calling
 * connection (API Gateway's two-way route sends it back): {@code pong}, the viewers the caller asked
 * for, or an {@code error} that names what was wrong — a bad frame changes nothing and reaches no one
 * else.
 */
@Singleton
public final class RealtimeSession {
    public static final String PING = "ping";
    public static final String TYPING_START = "typing:start";
    public static final String TYPING_STOP = "typing:stop";
    public static final String VIEWING = "conversation:viewing";
    public static final String LEAVING = "conversation:leaving";
    public static final String PRESENCE_SET = "presence:set";
    /** Conversations one connection may view at once. */
    public static final int MAX_VIEWED = 50;
    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSession.class);

    /** What {@code $connect} decided: 200, or the HTTP status the handshake is refused with. */
    public record Admission(int status, String reason) {
        public boolean admitted() {
            return status == 200;
        }
    }

    private final TokenVerifier tokens;
    private final CallerResolver callers;
    private final ConnectionRegistry connections;
    private final PresenceBoard presence;
    private final ConversationViewers viewers;
    private final ConversationAccess conversations;
    private final LiveSignals signals;
    private final ConnectionCleanup cleanup;

    @Inject
    public RealtimeSession(TokenVerifier tokens, CallerResolver callers, ConnectionRegistry connections,
                           PresenceBoard presence, ConversationViewers viewers, ConversationAccess conversations,
                           LiveSignals signals, ConnectionCleanup cleanup) {
        this.tokens = tokens;
        this.callers = callers;
        this.connections = connections;
        this.presence = presence;
        this.viewers = viewers;
        this.conversations = conversations;
        this.signals = signals;
        this.cleanup = cleanup;
    }

    public Admission connect(String connectionId, String token) {
        Caller caller;
        try {
            TokenVerifier.Claims claims = tokens.verify(token);
            caller = callers.resolve(Map.of(Caller.CLAIM_USER, claims.userId().toString(),
                    Caller.CLAIM_ORGANIZATION, claims.organizationId().toString()));
        } catch (TokenVerifier.InvalidToken e) {
            LOG.info("connection {} refused: {}", connectionId, e.getMessage());
            return new Admission(401, "invalid token");
        } catch (ApiException e) {
            LOG.info("connection {} refused: {}", connectionId, e.getMessage());
            return new Admission(401, "not an active member of the token's organization");
        }
        Instant now = Instant.now();
        connections.register(connectionId, caller.organizationId(), caller.userId(), now);
        presence.connected(caller.organizationId(), caller.userId(), now)
                .ifPresent(change -> cleanup.gone(signals.presence(change, connectionId, now)));
        return new Admission(200, null);
    }

    public void disconnect(String connectionId) {
        cleanup.closed(connectionId);
    }

    /** Acts on one frame of {@code connectionId}; the frame to send back to it, or null for none. */
    public byte[] act(String connectionId, String body) {
        JsonNode frame;
        try {
            frame = body == null ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            return error("malformed-frame", "a frame is one JSON object with an \"action\"", null);
        }
        String action = frame.path("action").isTextual() ? frame.path("action").asText() : null;
        Instant now = Instant.now();
        Optional<LiveConnection> found = connections.find(connectionId, now);
        if (found.isEmpty()) {
            return error("connection-unknown", "this connection is not registered (expired or closed): reconnect", action);
        }
        LiveConnection connection = found.get();
        try {
            // the database decides on every action too: a user deactivated since $connect is refused
            callers.resolve(Map.of(Caller.CLAIM_USER, connection.userId().toString(),
                    Caller.CLAIM_ORGANIZATION, connection.organizationId().toString()));
            return perform(connection, action, frame, now);
        } catch (ApiException e) {
            return error(errorType(e.status()), e.getMessage(), action);
        }
    }

    private byte[] perform(LiveConnection connection, String action, JsonNode frame, Instant now) {
        UUID org = connection.organizationId();
        UUID user = connection.userId();
        List<String> gone = new ArrayList<>();
        byte[] reply = null;
        if (action == null) {
            return error("unknown-action", "the frame has no \"action\"", null);
        }
        switch (action) {
            case PING -> {
                connections.touch(connection.connectionId(), now);
                presence.heartbeat(org, user, now).ifPresent(change -> gone.addAll(signals.presence(change, now)));
                reply = Frames.ephemeral("pong", Map.of("at", now));
            }
            case TYPING_START, TYPING_STOP -> {
                UUID conversation = conversations.require(org, conversationId(frame));
                boolean typing = action.equals(TYPING_START);
                if (typing) {
                    viewers.startTyping(org, conversation, user, now);
                } else {
                    viewers.stopTyping(org, conversation, user, now);
                }
                gone.addAll(signals.typing(org, conversation, user, typing, now));
            }
            case VIEWING -> {
                UUID conversation = conversations.require(org, conversationId(frame));
                if (!connection.viewing().contains(conversation) && connection.viewing().size() >= MAX_VIEWED) {
                    // one tab shows a handful; the cap keeps the connection's item far from DynamoDB's 400 KB
                    throw ApiException.invalid("conversationId", "a connection views at most " + MAX_VIEWED
                            + " conversations at once; send conversation:leaving for the ones closed");
                }
                if (viewers.view(org, conversation, user, connection.connectionId(), now)) {
                    gone.addAll(signals.viewers(org, conversation, null, now));
                } else {
                    // already viewing (a refresh): the viewers to this connection only
                    reply = Frames.ephemeral(LiveSignals.CONVERSATION_VIEWERS, signals.viewersOf(org, conversation, now));
                }
            }
            case LEAVING -> {
                UUID conversation = conversations.require(org, conversationId(frame));
                if (viewers.leave(org, conversation, user, connection.connectionId(), now)) {
                    gone.addAll(signals.viewers(org, conversation, null, now));
                }
            }
            case PRESENCE_SET -> {
                PresenceStatus status = PresenceStatus.parse(frame.path("status").asText(null))
                        .orElseThrow(() -> ApiException.invalid("status", "must be one of online, away, busy, offline"));
                presence.choose(org, user, status, now).ifPresent(change -> gone.addAll(signals.presence(change, now)));
            }
            default -> {
                return error("unknown-action", "unknown action '" + action + "'; known: ping, typing:start, "
                        + "typing:stop, conversation:viewing, conversation:leaving, presence:set", action);
            }
        }
        cleanup.gone(gone);
        return reply;
    }

    private static String conversationId(JsonNode frame) {
        JsonNode id = frame.path("conversationId");
        if (!id.isTextual()) {
            throw ApiException.invalid("conversationId", "must be a conversation id");
        }
        return id.asText();
    }

    private static String errorType(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 401, 403 -> "forbidden";
            default -> "validation-failed";
        };
    }

    static byte[] error(String type, String detail, String action) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("detail", detail);
        data.put("action", action);
        return Frames.ephemeral("error", data);
    }

    /** For the handlers' responses: API Gateway takes the body as text. */
    public static String text(byte[] frame) {
        return frame == null ? null : new String(frame, StandardCharsets.UTF_8);
    }
}
