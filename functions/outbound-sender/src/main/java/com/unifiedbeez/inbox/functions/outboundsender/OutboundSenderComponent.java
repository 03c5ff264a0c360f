package com.unifiedbeez.inbox.functions.outboundsender;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.all.AllChannelsModule;
import com.unifiedbeez.inbox.connection.ConnectionDirectoryModule;
import com.unifiedbeez.inbox.outbound.OutboundDelivery;
import com.unifiedbeez.inbox.outbound.OutboundRedelivery;
import com.unifiedbeez.inbox.platform.aws.AwsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** PostgreSQL, SQS (redelivery), S3 (media links), the channel connections and every channel's sender. */
@Singleton
@Component(modules = {DatabaseModule.class, AwsModule.class, MediaStorageModule.class, ConnectionDirectoryModule.class,
        RealtimeNudgeModule.class, AllChannelsModule.class})
public interface OutboundSenderComponent {
    OutboundDelivery delivery();

    OutboundRedelivery redelivery();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        OutboundSenderComponent create(@BindsInstance Config config);
    }
}
