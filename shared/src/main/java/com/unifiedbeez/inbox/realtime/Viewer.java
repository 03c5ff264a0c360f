package com.unifiedbeez.inbox.realtime;

import java.util.UUID;

/** A user viewing a conversation (on one connection or several), and whether they are typing in it. */
public record Viewer(UUID userId, boolean typing) {
}
