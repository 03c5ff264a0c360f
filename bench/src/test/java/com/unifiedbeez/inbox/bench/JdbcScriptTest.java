package com.unifiedbeez.inbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.DataSources;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGStatement;

/**
 * The floors of parts B, E and F replay what a handler did over JDBC: the recording driver must see
 * the calls the functions' own pool and Database/Sql helpers make, and the replay must make them
 * again on a plain connection, with renewed values where asked.
 */
class JdbcScriptTest {
    private static EmbeddedDatabase postgres;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedDatabase.temporary().start();
        url = postgres.jdbcUrl();
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id uuid PRIMARY KEY, body text NOT NULL)");
            s.execute("ALTER USER postgres PASSWORD 'postgres'");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void recordsWhatTheFunctionsPoolRunsAndReplaysItOnAPlainConnection() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try (HikariDataSource pool = DataSources.create(Config.of(Map.of(Config.DB_URL, JdbcScript.recordingUrl(url),
                Config.DB_USER, "postgres", Config.DB_PASSWORD, "postgres")))) {
            Database database = new Database(pool);
            JdbcScript script = JdbcScript.record(() -> database.transaction(c -> {
                Sql.update(c, "INSERT INTO notes (id, body) VALUES (?, ?)", first, "hello");
                try (PreparedStatement s = Sql.prepare(c, "SELECT count(*) FROM notes WHERE body = ?", "hello")) {
                    s.unwrap(PGStatement.class).setPrepareThreshold(0);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getLong(1);
                    }
                }
            })).script();

            assertThat(script.statements()).containsExactly("INSERT INTO notes (id, body) VALUES (?, ?)",
                    "SELECT count(*) FROM notes WHERE body = ?");
            assertThat(script.executions()).isEqualTo(2);
            assertThat(script.steps()).anySatisfy(step -> assertThat(step).isInstanceOfSatisfying(JdbcScript.Setter.class,
                    s -> assertThat(s.target()).isEqualTo(PGStatement.class)));
            assertThat(script.steps()).filteredOn(JdbcScript.Transaction.class::isInstance)
                    .extracting(step -> ((JdbcScript.Transaction) step).method().getName())
                    .containsSubsequence("setAutoCommit", "commit");
            // Calls made outside record() are not recorded.
            assertThat(JdbcScript.record(() -> 1).script().steps()).isEmpty();

            try (Connection plain = JdbcScript.plainConnection(url)) {
                script.with(Map.of(first, second, "hello", "again")).replay(plain);
                script.keep(sql -> sql.startsWith("SELECT")).replay(plain);
            }
        }
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT id::text || ' ' || body FROM notes ORDER BY body")) {
            List<String> rows = new java.util.ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1));
            }
            assertThat(rows).hasSize(2).anyMatch(row -> row.equals(second + " again")).anyMatch(row -> row.equals(first + " hello"));
        }
    }
}
