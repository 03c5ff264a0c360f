package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import java.util.Set;

/** One probe per channel against the stand-in platform, in place of the real channels' probes (AllChannelsModule). */
@Module
interface StandInProbesModule {
    @Provides
    @ElementsIntoSet
    static Set<ConnectionProbe> standInProbes(PlatformHttp http) {
        String url = PlatformStandIn.url();
        return Set.of(
                new BearerProbe(Channel.WHATSAPP, "accessToken", url, http),
                new BearerProbe(Channel.MESSENGER, "accessToken", url, http),
                new BearerProbe(Channel.INSTAGRAM, "accessToken", url, http),
                new BearerProbe(Channel.TELEGRAM, "botToken", url, http),
                new BearerProbe(Channel.SMS, "authToken", url, http),
                new BearerProbe(Channel.EMAIL, "password", url, http));
    }
}
