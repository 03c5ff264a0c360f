package com.unifiedbeez.inbox.conversation;

/** PATCH .../:id/status: {@code new | active | resolved | closed}. */
public record ChangeStatusRequest(String status) {
}
