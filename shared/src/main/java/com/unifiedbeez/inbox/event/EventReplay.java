package com.unifiedbeez.inbox.event;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code GET /api/inbox/events?since=&epoch=&limit=}: what a reconnecting client missed, the events
 * of its organization after {@code since} that its user may see, in seq order. Committed events not
 * yet numbered are numbered first, so a client that reconnects sees everything committed before its
 * call, whether or not the fan-out has pushed it yet.
 *
 * <p>A position the log can no longer continue answers 410 with {@code recovered: false} — the
 * client must reload its state instead of going on from a stale one: {@code since} below what
 * retention deleted, an {@code epoch} other than the stream's (the log was truncated), or a
 * {@code since} beyond the last seq (a log restored from an older backup).
 */
@Singleton
public final class EventReplay {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    /** One event as replayed: the same fields as the pushed frame. */
    public record EventView(long seq, UUID epoch, String event, Instant occurredAt, @JsonRawValue String data) {
    }

    /**
     * A page of missed events. {@code nextSince} is where to continue (the last seq examined: events
     * the user may not see are skipped, not returned); {@code hasMore} whether to call again now.
     */
    public record EventPageView(UUID epoch, long lastSeq, long nextSince, boolean hasMore, List<EventView> items) {
    }

    private final EventStream stream;

    @Inject
    public EventReplay(EventStream stream) {
        this.stream = stream;
    }

    public EventPageView since(Caller caller, long since, UUID epoch, int limit) {
        StreamPosition position = stream.sequence(caller.organizationId());
        if (epoch != null && !epoch.equals(position.epoch())) {
            throw stale(position, "the event log was truncated since this client's epoch " + epoch);
        }
        if (since < position.trimmedSeq()) {
            throw stale(position, "events after seq " + since + " are no longer kept (retention)");
        }
        if (since > position.lastSeq()) {
            throw stale(position, "seq " + since + " is beyond the log's last seq " + position.lastSeq());
        }
        List<EventView> items = new ArrayList<>();
        long next = since;
        // Reads past events the user may not see, up to the limit of events it may.
        while (items.size() < limit && next < position.lastSeq()) {
            List<SequencedEvent> page = stream.range(caller.organizationId(), next, position.lastSeq(), limit);
            if (page.isEmpty()) {
                break;
            }
            for (SequencedEvent event : page) {
                if (items.size() == limit) {
                    break;
                }
                next = event.seq();
                if (event.visibleTo(caller.userId())) {
                    items.add(new EventView(event.seq(), event.epoch(), event.name(), event.occurredAt(),
                            event.payloadJson()));
                }
            }
        }
        return new EventPageView(position.epoch(), position.lastSeq(), next, next < position.lastSeq(), items);
    }

    private static ApiException stale(StreamPosition position, String detail) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("recovered", false);
        members.put("epoch", position.epoch());
        members.put("lastSeq", position.lastSeq());
        return ApiException.gone("events-not-recoverable", detail + "; reload the inbox, then follow from lastSeq",
                members);
    }
}
