package com.unifiedbeez.inbox.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a unit of work on one connection, in a transaction that commits or rolls back as a whole. */
@Singleton
public final class Database {
    /** Work done with a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final DataSource dataSource;
    /** Work to run once the transaction on a connection commits, by key (one per key); dropped on rollback. */
    private final Map<Connection, Map<Object, Runnable>> afterCommit = new ConcurrentHashMap<>();

    @Inject
    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public <T> T transaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                runAfterCommit(connection);
                return result;
            } catch (SQLException | RuntimeException e) {
                afterCommit.remove(connection);
                connection.rollback();
                throw e;
            } finally {
                afterCommit.remove(connection);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /**
     * Runs {@code action} after the transaction on {@code connection} commits — at once when the
     * connection is in autocommit mode, never when it rolls back. Registering the same {@code key}
     * again in one transaction keeps the first action: one announcement per transaction and key.
     * An action that throws is the action's failure, not the transaction's (that has committed).
     */
    public void afterCommit(Connection connection, Object key, Runnable action) throws SQLException {
        if (connection.getAutoCommit()) {
            action.run();
            return;
        }
        afterCommit.computeIfAbsent(connection, c -> new LinkedHashMap<>()).putIfAbsent(key, action);
    }

    private void runAfterCommit(Connection connection) {
        Map<Object, Runnable> actions = afterCommit.remove(connection);
        if (actions == null) {
            return;
        }
        for (Runnable action : actions.values()) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an action after commit failed; what it announces is recovered by its sweeper", e);
            }
        }
    }

    /** Reads in autocommit mode: one round trip per statement, no BEGIN/COMMIT. */
    public <T> T read(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
