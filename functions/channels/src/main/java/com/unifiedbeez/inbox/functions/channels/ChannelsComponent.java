package com.unifiedbeez.inbox.functions.channels;

import com.unifiedbeez.inbox.channel.all.AllChannelsModule;
import com.unifiedbeez.inbox.connection.ChannelConnections;
import com.unifiedbeez.inbox.connection.ChannelConnector;
import com.unifiedbeez.inbox.connection.ChannelHealth;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.http.HttpComponent;
import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** PostgreSQL, the credential cipher and the channel probes: what the channels function needs. */
@Singleton
@Component(modules = {DatabaseModule.class, AllChannelsModule.class})
public interface ChannelsComponent extends HttpComponent {
    ChannelConnections connections();

    ChannelConnector connector();

    ChannelHealth health();

    @Component.Factory
    interface Factory {
        ChannelsComponent create(@BindsInstance Config config);
    }
}
