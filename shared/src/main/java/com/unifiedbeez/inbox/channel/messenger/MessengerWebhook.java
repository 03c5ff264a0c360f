package com.unifiedbeez.inbox.channel.messenger;

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
 * Messenger Platform webhooks ({@code object: "page"}): entry.id is the Page id, the connection's
 * external id; each {@code messaging[]} event is one unit for the customer's PSID.
 */
public final class MessengerWebhook implements WebhookAdapter {
    private final MetaWebhook meta;

    @Inject
    public MessengerWebhook(Config config) {
        this.meta = new MetaWebhook(Channel.MESSENGER, "page", config);
    }

    @Override
    public Channel channel() {
        return Channel.MESSENGER;
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
