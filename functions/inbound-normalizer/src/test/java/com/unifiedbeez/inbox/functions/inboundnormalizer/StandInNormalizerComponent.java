package com.unifiedbeez.inbox.functions.inboundnormalizer;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.connection.ConnectionDirectoryModule;
import com.unifiedbeez.inbox.inbound.StandInChannel;
import com.unifiedbeez.inbox.platform.aws.S3Module;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import javax.inject.Singleton;

/** The production component's modules with the stand-in channel's normalizer in place of the real adapters'. */
@Singleton
@Component(modules = {DatabaseModule.class, S3Module.class, MediaStorageModule.class,
        ConnectionDirectoryModule.class, com.unifiedbeez.inbox.platform.aws.SqsModule.class,
        com.unifiedbeez.inbox.event.RealtimeNudgeModule.class, com.unifiedbeez.inbox.message.OutboundQueueModule.class,
        com.unifiedbeez.inbox.platform.time.ClockModule.class, StandInNormalizerComponent.StandIn.class})
interface StandInNormalizerComponent extends InboundNormalizerComponent {
    @Component.Factory
    interface Factory {
        StandInNormalizerComponent create(@BindsInstance Config config);
    }

    @Module
    final class StandIn {
        private StandIn() {
        }

        @Provides
        @IntoSet
        static IncomingNormalizer whatsapp() {
            return new StandInChannel(Channel.WHATSAPP, "app-secret", "verify-me");
        }
    }
}
