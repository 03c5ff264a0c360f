package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.ObservedConnections;
import dagger.Binds;
import dagger.Module;

/** Channel connections come from PostgreSQL, their credentials decrypted with the configured key. */
@Module
public interface ConnectionDirectoryModule {
    @Binds
    ConnectionDirectory connectionDirectory(ConnectionStore store);

    @Binds
    ObservedConnections observedConnections(ConnectionStore store);
}
