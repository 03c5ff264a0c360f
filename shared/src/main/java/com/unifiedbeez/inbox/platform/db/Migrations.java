package com.unifiedbeez.inbox.platform.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies {@code migrations/} (shipped as classpath:db/migration). Called by the migrate function
 * once per deploy, by the local runtime and by tests at start; never on a request path.
 */
public final class Migrations {
    private Migrations() {
    }

    public static MigrateResult apply(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
