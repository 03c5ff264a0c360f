package com.unifiedbeez.inbox.message;

/** PATCH /api/inbox/messages/:id/status: a delivery report; {@code failed} carries the platform's code and text. */
public record UpdateStatusRequest(String status, String errorCode, String errorMessage) {
}
