package com.unifiedbeez.inbox.message;

import java.util.Map;

/** POST /api/inbox/messages/send-template: an approved WhatsApp template with its variables. */
public record SendTemplateRequest(String conversationId, String templateId, Map<String, String> params) {
}
