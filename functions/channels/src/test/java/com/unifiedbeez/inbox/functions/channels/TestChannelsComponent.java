package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** The function's real modules plus the stand-in probes: what the lead's channel probes will fill in. */
@Singleton
@Component(modules = {DatabaseModule.class, ChannelProbesModule.class, StandInProbesModule.class})
interface TestChannelsComponent extends ChannelsComponent {
    @Component.Factory
    interface Factory {
        TestChannelsComponent create(@BindsInstance Config config);
    }
}
