package com.unifiedbeez.inbox.channel;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The adapters of one kind (senders, normalizers, probes) that Dagger hands over as a set, indexed by channel. */
public final class ByChannel {
    private ByChannel() {
    }

    /** One adapter per channel; two for the same channel is a wiring mistake, refused at start. */
    public static <T> Map<Channel, T> index(Collection<T> adapters, Function<T, Channel> channelOf, String kind) {
        Map<Channel, T> byChannel = new EnumMap<>(Channel.class);
        for (T adapter : adapters) {
            Channel channel = channelOf.apply(adapter);
            if (byChannel.put(channel, adapter) != null) {
                throw new IllegalStateException("two " + kind + " for " + channel.wireName());
            }
        }
        return byChannel;
    }
}
