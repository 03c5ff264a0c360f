package com.unifiedbeez.inbox.channel.messenger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaOutgoing;
import com.unifiedbeez.inbox.outbound.OutboundMessage;
import com.unifiedbeez.inbox.outbound.OutgoingSender;
import com.unifiedbeez.inbox.outbound.SendOutcome;
import java.util.List;
import javax.inject.Inject;

/**
 * Messenger Send API: POST {graph}/{page-id}/messages with the Page access token (secret
 * {@code accessToken}).
 */
public final class MessengerSender implements OutgoingSender {
    private final MetaGraph graph;

    @Inject
    public MessengerSender(MetaGraph graph) {
        this.graph = graph;
    }

    @Override
    public Channel channel() {
        return Channel.MESSENGER;
    }

    /** The Send API request bodies, in the order they are sent. */
    public List<ObjectNode> normalizeOutgoing(OutboundMessage message) {
        return MetaOutgoing.requests(message, true);
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        return MetaOutgoing.send(graph, connection.externalId(), connection, normalizeOutgoing(message));
    }
}
