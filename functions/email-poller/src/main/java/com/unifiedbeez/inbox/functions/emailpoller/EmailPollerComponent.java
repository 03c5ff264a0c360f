package com.unifiedbeez.inbox.functions.emailpoller;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.connection.ConnectionDirectoryModule;
import com.unifiedbeez.inbox.inbound.InboundQueueModule;
import com.unifiedbeez.inbox.platform.aws.AwsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** PostgreSQL (connections and their health, sync state), the media bucket (raw mail) and the inbound queue. */
@Singleton
@Component(modules = {DatabaseModule.class, AwsModule.class, InboundQueueModule.class, MediaStorageModule.class,
        ConnectionDirectoryModule.class})
public interface EmailPollerComponent {
    EmailPoller poller();

    @Component.Factory
    interface Factory {
        EmailPollerComponent create(@BindsInstance Config config);
    }
}
