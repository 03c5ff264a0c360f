package com.unifiedbeez.inbox.event;

import java.util.UUID;

/**
 * Where an organization's stream stands: its {@code epoch}, the last seq handed out, the last one
 * pushed to connections, and the last one deleted by retention (replay starts above it).
 */
public record StreamPosition(UUID organizationId, UUID epoch, long lastSeq, long pushedSeq, long trimmedSeq) {
    public boolean behind() {
        return pushedSeq < lastSeq;
    }
}
