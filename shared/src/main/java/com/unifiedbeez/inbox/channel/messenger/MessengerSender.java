package com.unifiedbeez.inbox.channel.messenger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.ReplyWindow;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaOutgoing;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;

/**
 * Messenger Send API: POST {graph}/{page-id}/messages with the Page access token (secret
 * {@code accessToken}).
 */
public final class MessengerSender implements OutgoingSender {
    private final MetaGraph graph;
    private final Clock clock;

    @Inject
    public MessengerSender(MetaGraph graph) {
        this(graph, Clock.systemUTC());
    }

    MessengerSender(MetaGraph graph, Clock clock) {
        this.graph = graph;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.MESSENGER;
    }

    /** The Send API request bodies, in the order they are sent; tagged HUMAN_AGENT after 24 h. */
    public List<ObjectNode> normalizeOutgoing(OutboundMessage message) {
        return MetaOutgoing.requests(message, true,
                ReplyWindow.needsHumanAgentTag(channel(), message.customerLastWroteAt(), clock.instant()));
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        return MetaOutgoing.send(graph, connection.externalId(), connection, normalizeOutgoing(message));
    }
}
