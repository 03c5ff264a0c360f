package com.unifiedbeez.inbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL: temporary, or on a folder that keeps its data, its settings and its lock. */
class EmbeddedDatabaseTest {
    private static final Path MIGRATIONS = Path.of(System.getProperty("user.dir")).resolve("../migrations")
            .normalize();

    @TempDir
    Path data;

    @Test
    void aTemporaryServerTakesTheRepositorysMigrations() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.temporary().start()) {
            assertThat(db.initialized()).isTrue();
            assertThat(db.database()).isEqualTo("postgres");
            // what shared's Migrations applies (classpath:db/migration is migrations/ in shared's jar)
            int applied = Flyway.configure().dataSource(db.dataSource())
                    .locations("filesystem:" + MIGRATIONS).load().migrate().migrationsExecuted;
            assertThat(applied).isEqualTo(migrationFiles());
            assertThat(text(db.dataSource(), "SELECT to_regclass('public.conversations')::text"))
                    .isEqualTo("conversations");
            // the URL names the server and database; the credentials go separately
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.USER,
                    EmbeddedDatabase.USER)) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + db.port() + "/postgres");
        }
    }

    @Test
    void aFolderKeepsItsDatabaseDataAndSettingsAcrossRestarts() throws Exception {
        Path folder = data.resolve("postgres");
        try (EmbeddedDatabase db = EmbeddedDatabase.onFolder(folder).database("inbox").setting("work_mem", "7MB")
                .start()) {
            assertThat(db.initialized()).isTrue();
            assertThat(db.jdbcUrl()).endsWith("/inbox");
            exec(db.dataSource(), "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('here')");
            assertThat(text(db.dataSource(), "SHOW work_mem")).isEqualTo("7MB");
            // a second runtime on the same folder is refused while this one runs
            assertThatThrownBy(() -> EmbeddedDatabase.onFolder(folder).start())
                    .isInstanceOf(EmbeddedDatabase.FolderInUse.class).hasMessageContaining(folder.toString());
        }
        // started again without the setting: ALTER SYSTEM kept it in the folder
        try (EmbeddedDatabase db = EmbeddedDatabase.onFolder(folder).database("inbox").start()) {
            assertThat(db.initialized()).isFalse();
            assertThat(text(db.dataSource(), "SELECT v FROM kept")).isEqualTo("here");
            assertThat(text(db.dataSource(), "SHOW work_mem")).isEqualTo("7MB");
        }
    }

    @Test
    void onlyPlainDatabaseNamesAreTaken() {
        assertThatThrownBy(() -> EmbeddedDatabase.temporary().database("inbox; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long migrationFiles() throws Exception {
        try (var files = Files.list(MIGRATIONS)) {
            return files.filter(f -> f.getFileName().toString().matches("[VR].*__.*\\.sql")).count();
        }
    }

    private static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String text(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
