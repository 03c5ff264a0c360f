package com.unifiedbeez.inbox.platform.db;

import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import javax.sql.DataSource;

/** Database wiring for every function that reads or writes PostgreSQL. */
@Module
public final class DatabaseModule {
    private DatabaseModule() {
    }

    @Provides
    @Singleton
    static DataSource dataSource(Config config) {
        return DataSources.create(config);
    }
}
