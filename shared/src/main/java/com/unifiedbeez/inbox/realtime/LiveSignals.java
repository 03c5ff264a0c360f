package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.assignment.AgentAvailability;
import com.unifiedbeez.inbox.realtime.ConnectionPusher.Post;
import com.unifiedbeez.inbox.realtime.ConnectionPusher.PushFailed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ephemeral events, pushed and never logged: {@code presence:update} to the organization,
 * {@code conversation:viewers} and {@code typing:indicator} to the connections of the users viewing
 * that conversation. A push that fails is dropped (the next change, or the viewers' own refresh,
 * says it again) — unlike logged events, which are never dropped. Returns the connections found
 * gone, for the caller to clean up.
 */
@Singleton
public final class LiveSignals {
    public static final String PRESENCE_UPDATE = "presence:update";
    public static final String CONVERSATION_VIEWERS = "conversation:viewers";
    public static final String TYPING_INDICATOR = "typing:indicator";
    private static final Logger LOG = LoggerFactory.getLogger(LiveSignals.class);

    /** {@code conversation:viewers}' payload. */
    public record ViewersView(UUID conversationId, List<ViewerView> viewers) {
    }

    /** One viewer as clients see it. */
    public record ViewerView(UUID userId, boolean isTyping) {
    }

    private final ConnectionRegistry connections;
    private final ConversationViewers viewers;
    private final ConnectionPusher pusher;
    private final UserStatusStore statuses;
    private final AgentAvailability availability;

    @Inject
    public LiveSignals(ConnectionRegistry connections, ConversationViewers viewers, ConnectionPusher pusher,
                       UserStatusStore statuses, AgentAvailability availability) {
        this.connections = connections;
        this.viewers = viewers;
        this.pusher = pusher;
        this.statuses = statuses;
        this.availability = availability;
    }

    /**
     * The agent's work follows their presence at once (queues drained, stale conversations moved);
     * a failure here leaves it to the assignment sweep and never stops the announcement.
     */
    private void react(PresenceChange change) {
        try {
            availability.changed(change.organizationId(), change.userId(), change.status());
        } catch (RuntimeException e) {
            LOG.warn("assignment after {}'s presence change failed; the assignment sweep will do it", change.userId(), e);
        }
    }

    public List<String> presence(PresenceChange change, Instant now) {
        return presence(change, null, now);
    }

    /** The same, not to {@code except}: a connection in its {@code $connect}, which cannot be posted to yet. */
    public List<String> presence(PresenceChange change, String except, Instant now) {
        if (statuses.mirror(change)) {
            react(change);
        }
        byte[] frame = Frames.ephemeral(PRESENCE_UPDATE, Map.of("userId", change.userId(), "status",
                change.status().wireName()));
        return push(connections.ofOrganization(change.organizationId(), now),
                c -> !c.connectionId().equals(except), frame);
    }

    public ViewersView viewersOf(UUID organizationId, UUID conversationId, Instant now) {
        return new ViewersView(conversationId, viewers.of(organizationId, conversationId, now).stream()
                .map(v -> new ViewerView(v.userId(), v.typing())).toList());
    }

    /** The conversation's viewers now, to each of them — and to {@code alsoTo} (a user who just left). */
    public List<String> viewers(UUID organizationId, UUID conversationId, UUID alsoTo, Instant now) {
        ViewersView view = viewersOf(organizationId, conversationId, now);
        Set<UUID> audience = view.viewers().stream().map(ViewerView::userId).collect(Collectors.toSet());
        if (alsoTo != null) {
            audience.add(alsoTo);
        }
        return push(connections.ofOrganization(organizationId, now), c -> audience.contains(c.userId()),
                Frames.ephemeral(CONVERSATION_VIEWERS, view));
    }

    /** A user's typing, to the other users viewing the conversation (never to the typist's own tabs). */
    public List<String> typing(UUID organizationId, UUID conversationId, UUID userId, boolean isTyping, Instant now) {
        Set<UUID> audience = viewers.of(organizationId, conversationId, now).stream().map(Viewer::userId)
                .filter(u -> !u.equals(userId)).collect(Collectors.toSet());
        if (audience.isEmpty()) {
            return List.of();
        }
        byte[] frame = Frames.ephemeral(TYPING_INDICATOR, Map.of("conversationId", conversationId, "userId", userId,
                "isTyping", isTyping));
        return push(connections.ofOrganization(organizationId, now), c -> audience.contains(c.userId()), frame);
    }

    private List<String> push(List<LiveConnection> open, Predicate<LiveConnection> to, byte[] frame) {
        List<Post> posts = new ArrayList<>();
        for (LiveConnection c : open) {
            if (to.test(c)) {
                posts.add(Post.of(c.connectionId(), frame));
            }
        }
        if (posts.isEmpty()) {
            return List.of();
        }
        try {
            return pusher.push(posts).gone();
        } catch (PushFailed e) {
            LOG.warn("an ephemeral event was not pushed to every connection: {}", e.getMessage());
            return List.of();
        }
    }
}
