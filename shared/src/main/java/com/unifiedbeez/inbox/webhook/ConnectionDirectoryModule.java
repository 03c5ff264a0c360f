package com.unifiedbeez.inbox.webhook;

import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.connection.ConnectionRepository;
import dagger.Binds;
import dagger.Module;

/** Channel connections come from PostgreSQL, their credentials decrypted with the configured key. */
@Module
public interface ConnectionDirectoryModule {
    @Binds
    ConnectionDirectory connectionDirectory(ConnectionRepository repository);
}
