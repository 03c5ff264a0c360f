package com.unifiedbeez.inbox.local;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded PostgreSQL on a persistent data folder: initialised on first use, reused as is on the
 * next start (data survives restarts). The inbox lives in its own database, {@value #DATABASE}.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "inbox";
    public static final String USER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** zonky's own lock file: held while a runtime uses the folder. */
    private static final String ZONKY_LOCK = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final boolean initialized;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean initialized) {
        this.postgres = postgres;
        this.initialized = initialized;
    }

    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        if (!fresh) {
            stopOrphanedPostmaster(dataDirectory);
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(30))
                .start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rows.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
        }
        return new EmbeddedDatabase(postgres, fresh);
    }

    /** True when this start ran initdb (a new data folder). */
    public boolean initialized() {
        return initialized;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public DataSource dataSource() {
        return postgres.getDatabase(USER, DATABASE);
    }

    /**
     * A runtime killed hard (kill -9) leaves its postmaster running on the folder, and the next
     * pg_ctl start would fail. When no live runtime holds the folder's lock, such a postmaster is
     * an orphan: stop it. When one does, the folder is in use: say so.
     */
    static void stopOrphanedPostmaster(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(ZONKY_LOCK);
        if (Files.exists(lockFile)) {
            try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
                 FileLock lock = file.getChannel().tryLock()) {
                if (lock == null) {
                    throw inUse(dataDirectory);
                }
            } catch (OverlappingFileLockException e) {
                throw inUse(dataDirectory);
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
        LOG.warn("stopping an orphaned PostgreSQL (pid {}) left on {} by a runtime that did not shut down", pid,
                dataDirectory);
        ProcessHandle handle = process.get();
        handle.destroy(); // SIGTERM: smart shutdown; its clients died with the old runtime
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    private static IOException inUse(Path dataDirectory) {
        return new IOException("the data folder " + dataDirectory + " is in use by another running local inbox;"
                + " stop it first or pass --data with another folder");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
