package com.unifiedbeez.inbox.realtime;

import java.util.UUID;

/** A user's effective status changed to {@code status}: what one {@code presence:update} announces. */
public record PresenceChange(UUID organizationId, UUID userId, PresenceStatus status) {
}
