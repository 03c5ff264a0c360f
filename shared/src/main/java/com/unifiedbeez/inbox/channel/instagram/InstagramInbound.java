package com.unifiedbeez.inbox.channel.instagram;

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
 * Instagram Direct messages, story replies ({@code metadata.storyReply}), story mentions
 * ({@code metadata.storyMention}, URL only), postbacks, reads ({@code read.mid}) and reactions in
 * the unified format; echoes of our own account's messages are skipped (see {@link MetaMessagingEvents}).
 */
public final class InstagramInbound implements IncomingNormalizer {
    private final MetaGraph graph;

    @Inject
    public InstagramInbound(MetaGraph graph) {
        this.graph = graph;
    }

    @Override
    public Channel channel() {
        return Channel.INSTAGRAM;
    }

    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        return MetaMessagingEvents.normalize("instagram", payload);
    }

    /** Attachment URLs are signed lookaside/CDN URLs: no token needed. */
    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        return graph.download(media.reference());
    }
}
