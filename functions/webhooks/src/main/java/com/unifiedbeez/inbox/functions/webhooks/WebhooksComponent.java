package com.unifiedbeez.inbox.functions.webhooks;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.instagram.InstagramModule;
import com.unifiedbeez.inbox.channel.messenger.MessengerModule;
import com.unifiedbeez.inbox.channel.sms.SmsModule;
import com.unifiedbeez.inbox.channel.telegram.TelegramModule;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppModule;
import com.unifiedbeez.inbox.connection.RecentConnectionsModule;
import com.unifiedbeez.inbox.inbound.InboundQueueModule;
import com.unifiedbeez.inbox.platform.aws.S3Module;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.webhook.ApiGatewayWebhooks;
import dagger.BindsInstance;
import dagger.Component;
import java.util.Map;
import javax.inject.Provider;
import javax.inject.Singleton;
import javax.sql.DataSource;

/**
 * The webhook functions, one per channel with a webhook: the channels' webhook adapters, the
 * connections in PostgreSQL and the inbound SQS queue. Only the adapters are asked of the channel
 * modules, so their normalizers, senders and probes are never built here.
 */
@Singleton
// S3 only for the claim check of a payload over SQS's size limit (PayloadClaims builds it lazily).
@Component(modules = {DatabaseModule.class, SqsModule.class, S3Module.class, MediaStorageModule.class,
        InboundQueueModule.class, RecentConnectionsModule.class,
        WhatsAppModule.class, MessengerModule.class, InstagramModule.class, TelegramModule.class, SmsModule.class})
public interface WebhooksComponent {
    ApiGatewayWebhooks webhooks();

    /** Providers, so that a container serving one channel builds that channel's adapter only. */
    Map<Channel, Provider<WebhookAdapter>> adapters();

    DataSource dataSource();

    @Component.Factory
    interface Factory {
        WebhooksComponent create(@BindsInstance Config config);
    }
}
