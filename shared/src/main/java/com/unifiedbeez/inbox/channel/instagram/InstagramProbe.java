package com.unifiedbeez.inbox.channel.instagram;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import java.util.List;
import javax.inject.Inject;

/**
 * An Instagram account's health: the Page token reads the account (GET /{ig-id}?fields=id,username)
 * and an app receives the linked Page's messages (GET /{page-id}/subscribed_apps, page id from the
 * {@code pageId} setting).
 */
public final class InstagramProbe implements ConnectionProbe {
    private final MetaGraph graph;

    @Inject
    public InstagramProbe(MetaGraph graph) {
        this.graph = graph;
    }

    @Override
    public Channel channel() {
        return Channel.INSTAGRAM;
    }

    @Override
    public HealthReport check(ChannelConnection connection) {
        String igId = connection.externalId();
        String token = connection.secrets().get("accessToken").orElse(null);
        if (token == null) {
            return HealthReport.of(List.of(new Check("instagram account", false, "no accessToken stored")));
        }
        Check account = graph.check("instagram account", igId + "?fields=id,username", token,
                user -> igId.equals(user.path("id").asText()) ? "@" + user.path("username").asText() : null);
        String pageId = connection.setting("pageId");
        Check subscription = pageId == null || pageId.isBlank()
                ? new Check("webhook subscribed", false, "the connection has no pageId setting")
                : graph.subscription(pageId, token);
        return HealthReport.of(List.of(account, subscription));
    }
}
