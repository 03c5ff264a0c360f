package com.unifiedbeez.inbox.conversation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as an inbox list shows it. */
public record ConversationSummary(
        UUID id,
        String status,
        String priority,
        String channel,
        String subject,
        ContactRef contact,
        Assignee assignee,
        List<LabelRef> labels,
        String lastMessagePreview,
        Instant lastMessageAt,
        Instant lastInboundAt,
        int unreadCount,
        Instant createdAt,
        Instant updatedAt) {

    /** The customer of a conversation, as far as a list needs. */
    public record ContactRef(UUID id, String name, String avatarUrl) {
    }

    /** Who holds a conversation: an agent, a team, both or neither. */
    public record Assignee(PartyRef user, PartyRef team) {
    }

    /** An agent or a team by id and name. */
    public record PartyRef(UUID id, String name) {
    }

    /** A label as it is shown on a conversation. */
    public record LabelRef(UUID id, String name, String color) {
    }
}
