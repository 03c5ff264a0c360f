package com.unifiedbeez.inbox.channel.telegram;

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
 * Telegram's Bot API as a channel: webhook, normalizer, sender and probe.
 * The pipeline finds each part by its {@code channel()}, a webhook function its own channel's webhook by
 * key (the other channels' are not built); a function includes only the channels it serves.
 */
@Module
public interface TelegramModule {
    @Binds
    @IntoMap
    @ChannelKey(Channel.TELEGRAM)
    WebhookAdapter webhook(TelegramWebhook webhook);

    @Binds
    @IntoSet
    IncomingNormalizer normalizer(TelegramInbound normalizer);

    @Binds
    @IntoSet
    OutgoingSender sender(TelegramSender sender);

    @Binds
    @IntoSet
    ConnectionProbe probe(TelegramProbe probe);
}
