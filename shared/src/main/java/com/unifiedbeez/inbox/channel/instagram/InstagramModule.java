package com.unifiedbeez.inbox.channel.instagram;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelKey;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;

/**
 * Instagram Direct (Graph API) as a channel: webhook, normalizer, sender and probe.
 * The pipeline finds each part by its {@code channel()}, a webhook function its own channel's webhook by
 * key (the other channels' are not built); a function includes only the channels it serves.
 */
@Module
public interface InstagramModule {
    @Binds
    @IntoMap
    @ChannelKey(Channel.INSTAGRAM)
    WebhookAdapter webhook(InstagramWebhook webhook);

    @Binds
    @IntoSet
    IncomingNormalizer normalizer(InstagramInbound normalizer);

    @Binds
    @IntoSet
    OutgoingSender sender(InstagramSender sender);

    @Binds
    @IntoSet
    ConnectionProbe probe(InstagramProbe probe);
}
