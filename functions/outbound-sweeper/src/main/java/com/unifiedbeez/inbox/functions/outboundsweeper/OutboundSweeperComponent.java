package com.unifiedbeez.inbox.functions.outboundsweeper;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.message.OutboundSweeper;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** PostgreSQL and the outbound queue: all the sweeper needs. */
@Singleton
@Component(modules = {DatabaseModule.class, SqsModule.class, OutboundQueueModule.class, RealtimeNudgeModule.class})
public interface OutboundSweeperComponent {
    OutboundSweeper sweeper();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        OutboundSweeperComponent create(@BindsInstance Config config);
    }
}
