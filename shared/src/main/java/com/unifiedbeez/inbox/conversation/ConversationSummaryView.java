package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ReplyWindow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A conversation as an inbox list shows it. */
public record ConversationSummaryView(
        UUID id,
        ConversationStatus status,
        String priority,
        Channel channel,
        String subject,
        ContactRef contact,
        Assignee assignee,
        List<LabelRef> labels,
        String lastMessagePreview,
        Instant lastMessageAt,
        Instant lastInboundAt,
        Replyability reply,
        int unreadCount,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Whether an agent can write now: {@code open}; until when ({@code replyableUntil}, null where the
     * channel has no window or it is closed); and whether only a template may go out (WhatsApp).
     */
    public record Replyability(boolean open, Instant replyableUntil, boolean requiresTemplate) {
        public static Replyability of(Channel channel, Instant lastInboundAt) {
            ReplyWindow window = ReplyWindow.of(channel, lastInboundAt, Instant.now());
            return new Replyability(window.open(), window.open() ? window.replyableUntil() : null, window.requiresTemplate());
        }
    }

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
