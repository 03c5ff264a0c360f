package com.unifiedbeez.inbox.channel;


/**
 * The outbound side of a channel adapter: {@code normalizeOutgoing} (the platform request, a pure
 * function each adapter exposes for its own tests) plus the call. Never throws for a platform
 * answer: every answer is a {@link SendOutcome}.
 */
public interface OutgoingSender {
    Channel channel();

    SendOutcome send(ChannelConnection connection, OutboundMessage message);
}
