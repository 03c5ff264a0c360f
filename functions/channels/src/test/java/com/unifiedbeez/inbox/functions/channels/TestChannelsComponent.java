package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** The function's database module with stand-in probes in place of the real platforms' (AllChannelsModule). */
@Singleton
@Component(modules = {DatabaseModule.class, StandInProbesModule.class})
interface TestChannelsComponent extends ChannelsComponent {
    @Component.Factory
    interface Factory {
        TestChannelsComponent create(@BindsInstance Config config);
    }
}
