package com.unifiedbeez.inbox.realtime;

import java.util.UUID;

/** A user's presence as clients see it. */
public record PresenceView(UUID userId, String status) {
}
