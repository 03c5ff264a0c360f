package com.unifiedbeez.inbox.channel.instagram;

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
 * Instagram messages through the Messenger Platform ("Instagram API with Facebook Login"):
 * POST {graph}/{page-id}/messages on graph.facebook.com with the Page access token of the Page
 * linked to the Instagram account, recipient = IGSID
 * (https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message). The
 * page id is the connection setting {@code pageId}; without it, {@code me} (the Page the token
 * belongs to). Quick replies are supported (https://developers.facebook.com/docs/messenger-platform/instagram/features/quick-replies).
 * We chose this over Instagram Login (graph.instagram.com/{ig-id}/messages) because the connect
 * endpoint takes {pageId, accessToken} and both channels then share one base URL and token kind.
 */
public final class InstagramSender implements OutgoingSender {
    private final MetaGraph graph;
    private final Clock clock;

    @Inject
    public InstagramSender(MetaGraph graph) {
        this(graph, Clock.systemUTC());
    }

    InstagramSender(MetaGraph graph, Clock clock) {
        this.graph = graph;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.INSTAGRAM;
    }

    /** The Send API request bodies, in the order they are sent; tagged HUMAN_AGENT after 24 h. */
    public List<ObjectNode> normalizeOutgoing(OutboundMessage message) {
        return MetaOutgoing.requests(message, false,
                ReplyWindow.needsHumanAgentTag(channel(), message.customerLastWroteAt(), clock.instant()));
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        return MetaOutgoing.send(graph, pageNode(connection), connection, normalizeOutgoing(message));
    }

    static String pageNode(ChannelConnection connection) {
        String pageId = connection.setting("pageId");
        return pageId == null || pageId.isBlank() ? "me" : pageId;
    }
}
