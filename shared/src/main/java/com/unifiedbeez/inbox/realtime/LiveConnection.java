package com.unifiedbeez.inbox.realtime;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An agent's open WebSocket connection (API Gateway's connection id), whose organization and user
 * come from the token checked at {@code $connect}, and the conversations it views.
 */
public record LiveConnection(String connectionId, UUID organizationId, UUID userId, Instant connectedAt,
                             Instant lastSeenAt, Instant expiresAt, Set<UUID> viewing) {
    public LiveConnection {
        viewing = Set.copyOf(viewing);
    }
}
