package com.unifiedbeez.inbox.functions.realtime;

import com.unifiedbeez.inbox.event.EventReplay;
import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.platform.aws.DynamoModule;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.http.HttpComponent;
import com.unifiedbeez.inbox.realtime.ConnectionPushModule;
import com.unifiedbeez.inbox.realtime.ConnectionPusher;
import com.unifiedbeez.inbox.realtime.ConnectionRegistry;
import com.unifiedbeez.inbox.realtime.ConversationWatch;
import com.unifiedbeez.inbox.realtime.EventFanout;
import com.unifiedbeez.inbox.realtime.RealtimeSession;
import com.unifiedbeez.inbox.realtime.RealtimeSweep;
import com.unifiedbeez.inbox.realtime.TeamPresence;
import com.unifiedbeez.inbox.realtime.UserStatusSetter;
import com.unifiedbeez.inbox.platform.time.ClockModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/**
 * The realtime functions' services: PostgreSQL (the event log, users, conversations), DynamoDB
 * (connections, viewers, presence) and {@code @connections}. Each client is built on first use, so
 * the HTTP routes never build the management client they do not need, and so on.
 */
@Singleton
@Component(modules = {DatabaseModule.class, ClockModule.class, SqsModule.class, RealtimeNudgeModule.class, DynamoModule.class,
        ConnectionPushModule.class})
public interface RealtimeComponent extends HttpComponent {
    RealtimeSession session();

    ConnectionRegistry registry();

    ConnectionPusher pusher();

    EventFanout fanout();

    RealtimeSweep sweep();

    EventReplay replay();

    UserStatusSetter statuses();

    TeamPresence teamPresence();

    ConversationWatch watch();

    @Component.Factory
    interface Factory {
        RealtimeComponent create(@BindsInstance Config config);
    }
}
