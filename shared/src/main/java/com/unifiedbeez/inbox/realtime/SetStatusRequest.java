package com.unifiedbeez.inbox.realtime;

/** PUT /api/users/:id/status: {@code online | away | busy | offline}. */
public record SetStatusRequest(String status) {
}
