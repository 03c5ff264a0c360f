package com.unifiedbeez.inbox.message;

import java.util.UUID;

/** One reaction on a message: by an agent ({@code userId}) or by the customer ({@code contactId}). */
public record ReactionView(String emoji, UUID userId, UUID contactId) {
}
