package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import dagger.Binds;
import dagger.Module;

/** For the webhook functions and the normalizer: connection lookups kept briefly per container (see {@link RecentConnections}). */
@Module
public interface RecentConnectionsModule {
    @Binds
    ConnectionDirectory connectionDirectory(RecentConnections recent);
}
