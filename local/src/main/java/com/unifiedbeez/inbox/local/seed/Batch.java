package com.unifiedbeez.inbox.local.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/** A batched INSERT: rows are sent in groups (the driver rewrites them into multi-row inserts). */
final class Batch implements AutoCloseable {
    private static final int SIZE = 500;

    private final PreparedStatement statement;
    private int pending;
    private int rows;

    Batch(Connection connection, String sql) throws SQLException {
        this.statement = connection.prepareStatement(sql);
    }

    Batch add(Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                statement.setNull(i + 1, Types.OTHER);
            } else if (v instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                statement.setObject(i + 1, v);
            }
        }
        statement.addBatch();
        rows++;
        if (++pending >= SIZE) {
            flush();
        }
        return this;
    }

    int rows() {
        return rows;
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            statement.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            statement.close();
        }
    }
}
