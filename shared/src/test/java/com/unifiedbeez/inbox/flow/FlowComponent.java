package com.unifiedbeez.inbox.flow;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.all.AllChannelsModule;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.connection.ConnectionDirectoryModule;
import com.unifiedbeez.inbox.inbound.InboundBatch;
import com.unifiedbeez.inbox.inbound.InboundQueueModule;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.outbound.OutboundDelivery;
import com.unifiedbeez.inbox.platform.aws.AwsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.webhook.ApiGatewayWebhooks;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Clock;
import javax.inject.Singleton;
import javax.sql.DataSource;

/**
 * The production wiring of the whole pipeline in one graph, from the same modules the functions
 * use: webhook intake onto the inbound queue (webhooks), the normalizers with every channel's
 * adapter (inbound-normalizer), every channel's sender (outbound-sender), an agent's send (messages)
 * and the email poller. The clock is the test's (production's is ClockModule's system clock).
 */
@Singleton
@Component(modules = {DatabaseModule.class, AwsModule.class, MediaStorageModule.class, ConnectionDirectoryModule.class,
        InboundQueueModule.class, OutboundQueueModule.class, RealtimeNudgeModule.class, AllChannelsModule.class})
interface FlowComponent {
    ApiGatewayWebhooks webhooks();

    InboundBatch batch();

    OutboundDelivery delivery();

    MessageSubmitter submitter();

    EmailPoller poller();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        FlowComponent create(@BindsInstance Config config, @BindsInstance Clock clock);
    }
}
