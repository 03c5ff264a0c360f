package com.unifiedbeez.inbox.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event of the log with its place in the organization's stream. {@code payloadJson} is the
 * payload as stored (pushed and replayed as is, never re-serialized); {@code audience} is null when
 * every agent of the organization may receive it.
 */
public record SequencedEvent(UUID id, UUID organizationId, long seq, UUID epoch, String name, UUID conversationId,
                             String payloadJson, List<UUID> audience, Instant occurredAt) {
    /** Whether {@code userId} may receive this event. */
    public boolean visibleTo(UUID userId) {
        return audience == null || audience.contains(userId);
    }
}
