package com.unifiedbeez.inbox.channel;

import dagger.MapKey;

/**
 * Keys a channel's part in a Dagger map: a function serving one channel out of several asks for
 * that key's provider, and the other channels' parts are never built.
 */
@MapKey
public @interface ChannelKey {
    Channel value();
}
