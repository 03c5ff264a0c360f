package com.unifiedbeez.inbox.conversation;

import com.unifiedbeez.inbox.channel.Channel;
import java.time.Instant;
import java.util.UUID;

/** The columns of a conversation that its state changes read and check. */
public record ConversationRow(
        UUID id,
        UUID organizationId,
        UUID contactId,
        Channel channel,
        UUID channelConnectionId,
        ConversationStatus status,
        UUID assigneeUserId,
        UUID assigneeTeamId,
        Instant lastInboundAt) {
}
