package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The benchmark's embedded PostgreSQL (testkit's EmbeddedDatabase), its data directory kept under
 * bench/target so a second run starts on the already generated data in seconds. {@code
 * data.properties} beside the data directory records what was generated; when it is missing, stale
 * or --regenerate is given, the directory is wiped and the data generated again.
 */
public final class BenchDatabase implements AutoCloseable {
    /** Bump when the generator changes what it writes: cached data of another version is regenerated. */
    static final String GENERATOR_VERSION = "4";

    private final Path home;
    private final EmbeddedDatabase postgres;

    private BenchDatabase(Path home, EmbeddedDatabase postgres) {
        this.home = home;
        this.postgres = postgres;
    }

    /**
     * The data lives in database {@value #DATABASE} under {@code <home>/postgres}: the layout the local
     * runtime uses for its data folder, so LocalInbox can be started on this very database (part C).
     */
    public static final String DATABASE = LocalInbox.DATABASE;

    /** Server settings (also written with ALTER SYSTEM, so any server started on the folder has them). */
    private static final String[][] SETTINGS = {
            // Sized like a small RDS instance's share of memory; the whole data set fits in RAM
            // (shared buffers + page cache), as a production working set usually does.
            {"shared_buffers", "512MB"},
            {"effective_cache_size", "4GB"},
            {"work_mem", "4MB"},
            {"maintenance_work_mem", "512MB"},
            {"max_wal_size", "8GB"},
            {"checkpoint_timeout", "30min"},
            // A throw-away benchmark database: durability settings only slow the load; reads are unaffected.
            {"fsync", "off"},
            {"synchronous_commit", "off"},
            {"full_page_writes", "off"},
            // The server log (auto_explain writes the captured plans there).
            {"logging_collector", "on"},
            {"log_directory", "log"},
            {"log_filename", "postgresql.log"},
            {"log_rotation_size", "0"},
    };

    public static BenchDatabase start(Path home, boolean clean) throws IOException {
        if (clean) {
            deleteTree(home);
        }
        Files.createDirectories(home);
        EmbeddedDatabase.Builder builder = EmbeddedDatabase.onFolder(home.resolve(LocalInbox.POSTGRES_FOLDER))
                .database(DATABASE)
                .startupWait(Duration.ofSeconds(60));
        for (String[] setting : SETTINGS) {
            builder.setting(setting[0], setting[1]);
        }
        return new BenchDatabase(home, builder.start());
    }

    public DataSource dataSource() {
        return postgres.dataSource();
    }

    public Path home() {
        return home;
    }

    public int port() {
        return postgres.port();
    }

    /** The URL without credentials, as INBOX_DB_URL takes it (user and password come separately). */
    public String plainJdbcUrl() {
        return postgres.jdbcUrl();
    }

    public Path serverLog() {
        return home.resolve(LocalInbox.POSTGRES_FOLDER).resolve("log").resolve("postgresql.log");
    }

    /** The recorded generation, or null when the data directory holds none. */
    public Properties generation() throws IOException {
        Path file = home.resolve("data.properties");
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    public void recordGeneration(Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(home.resolve("data.properties"))) {
            p.store(w, "bench data set (delete this file or pass --regenerate to generate again)");
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
