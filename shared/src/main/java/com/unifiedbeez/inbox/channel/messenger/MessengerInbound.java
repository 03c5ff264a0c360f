package com.unifiedbeez.inbox.channel.messenger;

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

    /**
     * User Profile API: GET {graph}/{PSID}?fields=first_name,last_name,profile_pic with the Page
     * token (https://developers.facebook.com/documentation/business-messaging/messenger-platform/identity/user-profile);
     * needs the page's consent for that person and, for business apps, "Business Asset User Profile Access".
     */
    @Override
    public boolean looksUpProfiles() {
        return true;
    }

    @Override
    public Optional<CustomerProfile> profile(ChannelConnection connection, String identifier) {
        return connection.secrets().get(MetaGraph.ACCESS_TOKEN)
                .flatMap(token -> graph.profile(identifier, "first_name,last_name,profile_pic", token))
                .map(p -> new CustomerProfile(joined(p.path("first_name").asText(null), p.path("last_name").asText(null)),
                        p.path("profile_pic").asText(null)))
                .filter(p -> !p.isEmpty());
    }

    private static String joined(String first, String last) {
        String name = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
        return name.isEmpty() ? null : name;
    }
}
