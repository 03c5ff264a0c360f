package com.unifiedbeez.inbox.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored rows as column maps (timestamps as Instant, jsonb as its text), for field-by-field assertions. */
final class Rows {
    private Rows() {
    }

    static List<Map<String, Object>> list(String sql, Object... params) {
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            return Sql.list(c, sql, r -> {
                ResultSetMetaData meta = r.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = r.getObject(i);
                    if (value instanceof Timestamp t) {
                        value = t.toInstant();
                    } else if (value != null && "jsonb".equals(meta.getColumnTypeName(i))) {
                        value = value.toString();
                    }
                    row.put(meta.getColumnLabel(i), value);
                }
                return row;
            }, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The only row the query finds; fails when there are none or several. */
    static Map<String, Object> one(String sql, Object... params) {
        List<Map<String, Object>> rows = list(sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, found " + rows.size() + ": " + rows);
        }
        return rows.get(0);
    }

    static JsonNode json(Object text) {
        try {
            return Json.mapper().readTree(String.valueOf(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
