package com.unifiedbeez.inbox.message;

import java.util.List;

/**
 * POST /api/inbox/messages/send: text and/or uploaded attachments (ids from the upload step), and
 * optionally what the sender had seen of the conversation ({@link ReplyPreconditions}).
 */
public record SendRequest(String conversationId, String content, String type, List<String> attachments,
                          Long ifLastEventSeq, String ifMatch) {
    public static final int MAX_ATTACHMENTS = 10;

    /** A send that states nothing about what its sender had seen. */
    public SendRequest(String conversationId, String content, String type, List<String> attachments) {
        this(conversationId, content, type, attachments, null, null);
    }
}
