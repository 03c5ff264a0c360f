package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.aws.DynamoModule;
import com.unifiedbeez.inbox.platform.config.Config;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** The production wiring of the realtime classes: what a WebSocket function's component holds. */
@Singleton
@Component(modules = DynamoModule.class)
interface RealtimeComponent {
    ConnectionRegistry connections();

    ConversationViewers viewers();

    PresenceBoard presence();

    RealtimeTable table();

    @Component.Factory
    interface Factory {
        RealtimeComponent create(@BindsInstance Config config);
    }
}
