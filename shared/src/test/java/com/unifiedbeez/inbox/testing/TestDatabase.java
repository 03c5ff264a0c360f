package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.channel.email.MailHosts;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Migrations;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.sql.DataSource;

/**
 * One real embedded PostgreSQL per test JVM (testkit's, on a temporary folder), with the real
 * migrations applied once. Tests share it safely because each builds its data in an organization
 * of its own, as tenants do.
 */
public final class TestDatabase {
    private static EmbeddedDatabase server;

    private TestDatabase() {
    }

    public static synchronized EmbeddedDatabase server() {
        if (server == null) {
            try {
                server = EmbeddedDatabase.temporary().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Migrations.apply(server.dataSource());
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
        return server().dataSource();
    }

    public static String jdbcUrl() {
        return server().jdbcUrl();
    }

    /** A fixed AES-256 key for connection credentials in tests (base64 of 32 bytes). */
    public static final String CREDENTIALS_KEY = "dGVzdC1jcmVkZW50aWFscy1rZXktMzItYnl0ZXMhISE=";

    /** The configuration a function gets, pointed at the test database. */
    public static Config config() {
        // The tests' mail servers (GreenMail) listen on loopback, which production refuses (MailHosts).
        return Config.of(Map.of(
                MailHosts.ALLOW_PRIVATE_HOSTS, "true",
                Config.DB_URL, jdbcUrl(),
                Config.DB_USER, EmbeddedDatabase.USER,
                Config.DB_PASSWORD, EmbeddedDatabase.USER,
                CredentialCipher.KEY, CREDENTIALS_KEY));
    }
}
