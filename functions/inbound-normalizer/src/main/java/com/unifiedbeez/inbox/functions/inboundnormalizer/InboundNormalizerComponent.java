package com.unifiedbeez.inbox.functions.inboundnormalizer;

import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.all.AllChannelsModule;
import com.unifiedbeez.inbox.connection.RecentConnectionsModule;
import com.unifiedbeez.inbox.inbound.InboundBatch;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.platform.aws.S3Module;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.time.ClockModule;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/**
 * PostgreSQL, the media bucket, the connections and every channel's normalizer; the outbound queue
 * and a clock for the away replies it sends.
 */
@Singleton
@Component(modules = {DatabaseModule.class, S3Module.class, SqsModule.class, MediaStorageModule.class, RealtimeNudgeModule.class,
        RecentConnectionsModule.class, AllChannelsModule.class, OutboundQueueModule.class, ClockModule.class})
public interface InboundNormalizerComponent {
    InboundBatch batch();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        InboundNormalizerComponent create(@BindsInstance Config config);
    }
}
