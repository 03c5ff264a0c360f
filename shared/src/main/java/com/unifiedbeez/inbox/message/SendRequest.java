package com.unifiedbeez.inbox.message;

import java.util.List;

/** POST /api/inbox/messages/send: text and/or uploaded attachments (ids from the upload step). */
public record SendRequest(String conversationId, String content, String type, List<String> attachments) {
    public static final int MAX_ATTACHMENTS = 10;
}
