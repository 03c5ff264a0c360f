package com.unifiedbeez.inbox.channel.messenger;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaMessagingEvents;
import com.unifiedbeez.inbox.inbound.InboundEvent;
import com.unifiedbeez.inbox.inbound.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.inbound.IncomingNormalizer;
import com.unifiedbeez.inbox.inbound.MediaContent;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;

/**
 * Messenger messages, postbacks, deliveries, reads, reactions and edits in the unified format (see
 * {@link MetaMessagingEvents} for the decisions on echoes and deliveries without mids). Attachment
 * URLs are public signed CDN URLs: downloaded without a token.
 */
public final class MessengerInbound implements IncomingNormalizer {
    private final MetaGraph graph;

    @Inject
    public MessengerInbound(MetaGraph graph) {
        this.graph = graph;
    }

    @Override
    public Channel channel() {
        return Channel.MESSENGER;
    }

    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        return MetaMessagingEvents.normalize("page", payload);
    }

    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        return graph.download(media.reference());
    }
}
