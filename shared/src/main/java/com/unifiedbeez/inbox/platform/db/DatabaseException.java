package com.unifiedbeez.inbox.platform.db;

import java.sql.SQLException;

/** A database failure nobody can fix by changing the request: answered 500, logged. */
public final class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
