package com.unifiedbeez.inbox.channel.instagram;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.channel.meta.MetaWebhook;
import com.unifiedbeez.inbox.platform.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Instagram Messaging webhooks ({@code object: "instagram"}): entry.id is the Instagram
 * professional account id, the connection's external id; each {@code messaging[]} event is one
 * unit for the customer's IGSID. Comment notifications ({@code changes[]}) are not conversations
 * and are skipped.
 */
public final class InstagramWebhook implements WebhookAdapter {
    private final MetaWebhook meta;

    @Inject
    public InstagramWebhook(Config config) {
        this.meta = new MetaWebhook(Channel.INSTAGRAM, "instagram", config);
    }

    @Override
    public Channel channel() {
        return Channel.INSTAGRAM;
    }

    @Override
    public List<WebhookUnit> validateWebhook(WebhookRequest request, ConnectionDirectory connections) {
        return meta.validateWebhook(request, connections);
    }

    @Override
    public Optional<String> verifySubscription(Map<String, String> query) {
        return meta.verifySubscription(query);
    }
}
