package com.unifiedbeez.inbox.channel.whatsapp;

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
 * WhatsApp Cloud API as a channel: webhook, normalizer, sender and probe.
 * The pipeline finds each part by its {@code channel()}, a webhook function its own channel's webhook by
 * key (the other channels' are not built); a function includes only the channels it serves.
 */
@Module
public interface WhatsAppModule {
    @Binds
    @IntoMap
    @ChannelKey(Channel.WHATSAPP)
    WebhookAdapter webhook(WhatsAppWebhook webhook);

    @Binds
    @IntoSet
    IncomingNormalizer normalizer(WhatsAppInbound normalizer);

    @Binds
    @IntoSet
    OutgoingSender sender(WhatsAppSender sender);

    @Binds
    @IntoSet
    ConnectionProbe probe(WhatsAppProbe probe);
}
