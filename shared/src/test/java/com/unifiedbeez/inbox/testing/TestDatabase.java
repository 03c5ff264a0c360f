package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Migrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;

/**
 * One real embedded PostgreSQL per test JVM, with the real migrations applied once. Tests share
 * it safely because each builds its data in an organization of its own, as tenants do.
 */
public final class TestDatabase {
    private static EmbeddedPostgres server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Migrations.apply(server.getPostgresDatabase());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp cluster goes with it
                }
            }));
        }
        return server;
    }

    public static DataSource dataSource() {
        return server().getPostgresDatabase();
    }

    public static String jdbcUrl() {
        return server().getJdbcUrl("postgres", "postgres");
    }

    /** A fixed AES-256 key for connection credentials in tests (base64 of 32 bytes). */
    public static final String CREDENTIALS_KEY = "dGVzdC1jcmVkZW50aWFscy1rZXktMzItYnl0ZXMhISE=";

    /** The configuration a function gets, pointed at the test database. */
    public static Config config() {
        return Config.of(java.util.Map.of(
                Config.DB_URL, jdbcUrl(),
                Config.DB_USER, "postgres",
                Config.DB_PASSWORD, "postgres",
                CredentialCipher.KEY, CREDENTIALS_KEY));
    }
}
