package com.unifiedbeez.inbox.platform.db;

import com.unifiedbeez.inbox.platform.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The PostgreSQL pool: one small pool per Lambda container (RDS Proxy multiplexes containers in
 * AWS), created once. No connection is opened until the first query.
 */
public final class DataSources {
    private DataSources() {
    }

    public static HikariDataSource create(Config config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.require(Config.DB_URL));
        config.get(Config.DB_USER).ifPresent(hikari::setUsername);
        config.get(Config.DB_PASSWORD).ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(config.intValue(Config.DB_POOL_SIZE, 2));
        hikari.setMinimumIdle(0);
        hikari.setPoolName("inbox");
        hikari.setConnectionTimeout(5_000);
        // A frozen Lambda container must not hand out a connection RDS Proxy has already closed.
        hikari.setMaxLifetime(300_000);
        hikari.setIdleTimeout(60_000);
        hikari.setInitializationFailTimeout(-1);
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "unifiedbeez-inbox");
        return new HikariDataSource(hikari);
    }
}
