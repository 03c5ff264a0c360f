package com.unifiedbeez.inbox.functions.outboundsender;

import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.connection.ConnectionRepository;
import dagger.Binds;
import dagger.Module;

/** Channel connections come from PostgreSQL, their credentials decrypted. */
@Module
public interface ConnectionsModule {
    @Binds
    ConnectionDirectory connections(ConnectionRepository repository);
}
