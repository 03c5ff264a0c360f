package com.unifiedbeez.inbox.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Plain JDBC with positional parameters, kept small on purpose: no ORM to load at cold start.
 * Collections bind as PostgreSQL arrays (write {@code = ANY(?::uuid[])}: an empty list binds as
 * text[]), Instants as timestamptz, enums (alone or in a collection) as their lower-case names.
 */
public final class Sql {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Sql() {
    }

    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params); ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(c, sql, params)) {
            return statement.executeUpdate();
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            bind(c, statement, i + 1, params[i]);
        }
        return statement;
    }

    static void bind(Connection c, PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
        } else if (value instanceof Enum<?> e) {
            statement.setString(index, e.name().toLowerCase(Locale.ROOT));
        } else if (value instanceof Collection<?> collection) {
            statement.setArray(index, c.createArrayOf(arrayType(collection),
                    collection.stream().map(Sql::element).toArray()));
        } else {
            statement.setObject(index, value);
        }
    }

    private static Object element(Object value) {
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT) : value;
    }

    private static String arrayType(Collection<?> collection) {
        Object first = collection.isEmpty() ? null : collection.iterator().next();
        return first instanceof UUID ? "uuid" : "text";
    }

    public static UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
