package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.event.EventStream.PushClaim;
import com.unifiedbeez.inbox.event.SequencedEvent;
import com.unifiedbeez.inbox.event.StreamPosition;
import com.unifiedbeez.inbox.realtime.ConnectionPusher.Post;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * One fan-out pass for an organization: numbers its committed events, takes the stream's push lease,
 * posts every event not yet pushed to each open connection of the organization that may see it (a
 * user's every tab; in seq order per connection), records the progress, and goes on while events
 * were numbered meanwhile. A pass that dies before recording leaves its lease to lapse; the next
 * pass (a nudge or the sweeper) pushes the same range again, so a client may get an event twice
 * (it has the seq to tell) but never misses one.
 */
@Singleton
public final class EventFanout {
    /** Longer than a pass takes; a dead pass holds its stream up this long at most. */
    static final Duration LEASE = Duration.ofSeconds(30);
    /** Events read and pushed per round. */
    static final int PAGE = 200;

    /** What a pass did; {@code leased} false when another pass held the stream. */
    public record Report(UUID organizationId, boolean leased, int events, int delivered, List<String> gone) {
    }

    private final EventStream stream;
    private final ConnectionRegistry connections;
    private final ConnectionPusher pusher;
    private final ConnectionCleanup cleanup;

    @Inject
    public EventFanout(EventStream stream, ConnectionRegistry connections, ConnectionPusher pusher,
                       ConnectionCleanup cleanup) {
        this.stream = stream;
        this.connections = connections;
        this.pusher = pusher;
        this.cleanup = cleanup;
    }

    public Report deliver(UUID organizationId) {
        Optional<PushClaim> claim = stream.claimPush(organizationId, LEASE);
        if (claim.isEmpty()) {
            return new Report(organizationId, false, 0, 0, List.of());
        }
        long after = claim.get().fromExclusive();
        long through = claim.get().through();
        int events = 0;
        int delivered = 0;
        List<String> gone = new ArrayList<>();
        while (true) {
            while (after < through) {
                List<SequencedEvent> page = stream.range(organizationId, after, through, PAGE);
                if (page.isEmpty()) {
                    break; // trimmed meanwhile: nothing left to push in this range
                }
                List<LiveConnection> open = new ArrayList<>(connections.ofOrganization(organizationId, Instant.now()));
                open.removeIf(c -> gone.contains(c.connectionId()));
                ConnectionPusher.Pushed pushed = pusher.push(posts(page, open));
                events += page.size();
                delivered += pushed.delivered();
                gone.addAll(pushed.gone());
                cleanup.gone(pushed.gone());
                after = page.get(page.size() - 1).seq();
            }
            StreamPosition position = stream.recordPushed(organizationId, through, LEASE);
            if (!position.behind()) {
                return new Report(organizationId, true, events, delivered, gone);
            }
            after = through;
            through = position.lastSeq();
        }
    }

    /** The pass's reads for an organization, writing nothing: SnapStart priming. */
    public void warmUp(UUID organizationId) {
        stream.position(organizationId);
        stream.range(organizationId, 0, 0, 1);
        connections.ofOrganization(organizationId, Instant.now());
        Frames.ephemeral("priming", List.of());
    }

    /** Each connection's messages, in seq order, of the events its user may see. */
    static List<Post> posts(List<SequencedEvent> events, List<LiveConnection> open) {
        Map<String, List<byte[]>> byConnection = new LinkedHashMap<>();
        List<byte[]> frames = new ArrayList<>(events.size());
        for (SequencedEvent event : events) {
            frames.add(Frames.logged(event));
        }
        for (LiveConnection connection : open) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).visibleTo(connection.userId())) {
                    byConnection.computeIfAbsent(connection.connectionId(), k -> new ArrayList<>()).add(frames.get(i));
                }
            }
        }
        List<Post> posts = new ArrayList<>(byConnection.size());
        byConnection.forEach((id, messages) -> posts.add(new Post(id, messages)));
        return posts;
    }
}
