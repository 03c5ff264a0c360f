package com.unifiedbeez.inbox.label;

import java.util.List;

/** POST .../bulk-label: every label on every conversation. */
public record BulkLabelRequest(List<String> conversationIds, List<String> labelIds) {
    public static final int MAX_CONVERSATIONS = 100;
}
