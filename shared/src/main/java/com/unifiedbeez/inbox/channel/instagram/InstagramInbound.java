package com.unifiedbeez.inbox.channel.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.CustomerProfile;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaMessagingEvents;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
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

    /**
     * User Profile API: GET {graph}/{IGSID}?fields=name,username,profile_pic with the Page token
     * (https://developers.facebook.com/documentation/business-messaging/instagram-messaging/features/user-profile);
     * {@code name} may be null when the person set none: their username stands in.
     */
    @Override
    public boolean looksUpProfiles() {
        return true;
    }

    @Override
    public Optional<CustomerProfile> profile(ChannelConnection connection, String identifier) {
        return connection.secrets().get(MetaGraph.ACCESS_TOKEN)
                .flatMap(token -> graph.profile(identifier, "name,username,profile_pic", token))
                .map(p -> new CustomerProfile(text(p, "name").orElseGet(() -> text(p, "username").orElse(null)),
                        text(p, "profile_pic").orElse(null)))
                .filter(p -> !p.isEmpty());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty()
                : Optional.of(value.asText().strip());
    }
}
