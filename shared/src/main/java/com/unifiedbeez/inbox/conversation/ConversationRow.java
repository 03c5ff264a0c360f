package com.unifiedbeez.inbox.conversation;

import java.util.UUID;

/** The columns of a conversation that its state changes read and check. */
public record ConversationRow(
        UUID id,
        UUID organizationId,
        UUID contactId,
        String channel,
        UUID channelConnectionId,
        ConversationStatus status,
        UUID assigneeUserId,
        UUID assigneeTeamId,
        java.time.Instant lastInboundAt) {
}
