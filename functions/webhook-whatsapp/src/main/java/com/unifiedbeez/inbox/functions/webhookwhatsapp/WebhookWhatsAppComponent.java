package com.unifiedbeez.inbox.functions.webhookwhatsapp;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.connection.RecentConnectionsModule;
import com.unifiedbeez.inbox.inbound.InboundQueueModule;
import com.unifiedbeez.inbox.platform.aws.S3Module;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.webhook.ApiGatewayWebhooks;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** The WhatsApp webhook: its channel adapter, the connections in PostgreSQL and the inbound SQS queue. */
@Singleton
// S3 only for the claim check of a payload over SQS's size limit (PayloadClaims builds it lazily).
@Component(modules = {DatabaseModule.class, SqsModule.class, S3Module.class, MediaStorageModule.class,
        InboundQueueModule.class, RecentConnectionsModule.class})
public interface WebhookWhatsAppComponent {
    ApiGatewayWebhooks webhooks();

    WebhookAdapter adapter();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        WebhookWhatsAppComponent create(@BindsInstance Config config, @BindsInstance WebhookAdapter adapter);
    }
}
