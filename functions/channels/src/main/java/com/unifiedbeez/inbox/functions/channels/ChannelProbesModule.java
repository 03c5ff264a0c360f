package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.connection.ConnectionProbe;
import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/**
 * The channel probes are bound here: one {@code @Binds @IntoSet ConnectionProbe} entry per channel
 * adapter (WhatsApp, Messenger, Instagram, Telegram, SMS, email), each a real call to its platform.
 * Connect and health of a channel with no probe here answer 503 "channel-unavailable".
 */
@Module
public interface ChannelProbesModule {
    /** Declares the set so the component compiles while no probe is bound yet. */
    @Multibinds
    Set<ConnectionProbe> probes();
}
