package com.unifiedbeez.inbox.channel.messenger;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import java.util.List;
import javax.inject.Inject;

/**
 * A Messenger page's health: the Page token reads the page (GET /{page-id}?fields=id,name) and an
 * app receives the page's messages (GET /{page-id}/subscribed_apps).
 */
public final class MessengerProbe implements ConnectionProbe {
    private final MetaGraph graph;

    @Inject
    public MessengerProbe(MetaGraph graph) {
        this.graph = graph;
    }

    @Override
    public Channel channel() {
        return Channel.MESSENGER;
    }

    @Override
    public HealthReport check(ChannelConnection connection) {
        String pageId = connection.externalId();
        String token = connection.secrets().get("accessToken").orElse(null);
        if (token == null) {
            return HealthReport.of(List.of(new HealthReport.Check("page token", false, "no accessToken stored")));
        }
        return HealthReport.of(List.of(
                graph.check("page token", pageId + "?fields=id,name", token,
                        page -> pageId.equals(page.path("id").asText()) ? "page " + page.path("name").asText() : null),
                graph.subscription(pageId, token)));
    }
}
