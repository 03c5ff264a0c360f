package com.unifiedbeez.inbox.message;

import java.util.Map;

/**
 * POST /api/inbox/messages/send-template: an approved WhatsApp template with its variables, and
 * optionally what the sender had seen of the conversation ({@link ReplyPreconditions}).
 */
public record SendTemplateRequest(String conversationId, String templateId, Map<String, String> params,
                                  Long ifLastEventSeq, String ifMatch) {
}
