package com.unifiedbeez.inbox.functions.outboundsender;

import com.unifiedbeez.inbox.attachment.MediaStorageModule;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.connection.ConnectionDirectoryModule;
import com.unifiedbeez.inbox.outbound.JsonPlatformSender;
import com.unifiedbeez.inbox.platform.aws.AwsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.multibindings.IntoSet;
import javax.inject.Singleton;

/** The function's real component with one swap: the channel senders are the tests' local platform. */
@Singleton
@Component(modules = {DatabaseModule.class, AwsModule.class, MediaStorageModule.class, ConnectionDirectoryModule.class,
        com.unifiedbeez.inbox.event.RealtimeNudgeModule.class, LocalPlatformComponent.LocalPlatformModule.class})
interface LocalPlatformComponent extends OutboundSenderComponent {
    @Module
    interface LocalPlatformModule {
        @Binds
        @IntoSet
        OutgoingSender sender(JsonPlatformSender sender);
    }

    @Component.Factory
    interface Factory {
        LocalPlatformComponent create(@BindsInstance Config config, @BindsInstance JsonPlatformSender sender);
    }
}
