package com.unifiedbeez.inbox.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server in a child process (zonky's embedded binaries), either on a temporary
 * folder deleted at {@link #close()} (tests) or on a folder that is initialised on first use and
 * reused as is on the next start (the local runtime, the bench: data survives restarts). The data
 * lives in one database of the server, {@code postgres} unless {@link Builder#database(String)}
 * names another, created when missing. User and password are both {@value #USER}.
 *
 * <p>Nothing here knows the schema: users apply the migrations (shared's {@code Migrations}).
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** zonky's own lock file: held while a server runs on the folder. */
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final EmbeddedPostgres postgres;
    private final String database;
    private final boolean initialized;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String database, boolean initialized) {
        this.postgres = postgres;
        this.database = database;
        this.initialized = initialized;
    }

    /** A server on a temporary folder, on a free port. */
    public static Builder temporary() {
        return new Builder(null);
    }

    /** A server on {@code dataDirectory}, initialised there when it holds no cluster yet. */
    public static Builder onFolder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    public static final class Builder {
        private final Path dataDirectory;
        private int port;
        private String database = USER;
        private Duration startupWait = Duration.ofSeconds(30);
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
        }

        /** The port to listen on; 0 (the default): a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The database the data lives in, created when missing. */
        public Builder database(String name) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain database name: " + name);
            }
            this.database = name;
            return this;
        }

        public Builder startupWait(Duration value) {
            this.startupWait = value;
            return this;
        }

        /**
         * A server setting ({@code shared_buffers}, {@code fsync}, ...): given at start, and on a
         * folder also written with ALTER SYSTEM, so any server later started on it has it too.
         */
        public Builder setting(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * Starts the server. On a folder that holds a cluster, a server left running by a process
         * killed hard (kill -9) is stopped first; a folder in use by a live process is refused
         * ({@link FolderInUse}).
         */
        public EmbeddedDatabase start() throws IOException {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(startupWait);
            boolean fresh = true;
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
                if (!fresh) {
                    stopOrphanedServer(dataDirectory);
                }
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port != 0) {
                builder.setPort(port);
            }
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rows = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                    if (!rows.next()) {
                        s.execute("CREATE DATABASE " + database);
                    }
                }
                if (dataDirectory != null) {
                    for (Map.Entry<String, String> setting : settings.entrySet()) {
                        s.execute("ALTER SYSTEM SET " + setting.getKey() + " = '"
                                + setting.getValue().replace("'", "''") + "'");
                    }
                }
            } catch (SQLException e) {
                postgres.close();
                throw new IOException("cannot prepare database " + database + ": " + e.getMessage(), e);
            }
            return new EmbeddedDatabase(postgres, database, fresh);
        }
    }

    /** The folder is in use by a live server of another process (or of this one). */
    public static final class FolderInUse extends IOException {
        private final Path folder;

        FolderInUse(Path folder) {
            super("the data folder " + folder + " is in use by a running PostgreSQL of another process");
            this.folder = folder;
        }

        public Path folder() {
            return folder;
        }
    }

    /** True when this start ran initdb (a temporary or new folder). */
    public boolean initialized() {
        return initialized;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The database the data lives in. */
    public String database() {
        return database;
    }

    /** The URL of {@link #database()}, without credentials (they go separately, as INBOX_DB_USER/PASSWORD do). */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /** The URL of another database of the same server. */
    public String jdbcUrl(String otherDatabase) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + otherDatabase;
    }

    public DataSource dataSource() {
        return dataSource(database);
    }

    /** Another database of the same server (e.g. an empty one a test created). */
    public DataSource dataSource(String otherDatabase) {
        return postgres.getDatabase(USER, otherDatabase);
    }

    /**
     * A process killed hard (kill -9) leaves its postmaster running on the folder, and the next
     * pg_ctl start would fail. When no live process holds the folder's lock, such a postmaster is
     * an orphan: stop it. When one does, the folder is in use: {@link FolderInUse}.
     */
    public static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK);
        if (Files.exists(lockFile)) {
            try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
                 FileLock lock = file.getChannel().tryLock()) {
                if (lock == null) {
                    throw new FolderInUse(dataDirectory);
                }
            } catch (OverlappingFileLockException e) {
                throw new FolderInUse(dataDirectory);
            }
        }
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        long pid;
        try {
            pid = Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        boolean postgres = process.flatMap(p -> p.info().command()).map(c -> c.contains("postgres")).orElse(false);
        if (process.isEmpty() || !postgres) {
            return; // a stale pid file: PostgreSQL itself handles it
        }
        LOG.warn("stopping an orphaned PostgreSQL (pid {}) left on {} by a process that did not shut down", pid,
                dataDirectory);
        ProcessHandle handle = process.get();
        handle.destroy(); // SIGTERM: smart shutdown; its clients died with the old process
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
