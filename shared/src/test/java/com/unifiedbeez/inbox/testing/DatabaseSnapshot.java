package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Rows table by table (a row count and a digest of the rows' text), so a test can assert that
 * something changed nothing: no insert, no update, no delete. Of one organization — a refused
 * request — or of every table whoever owns the rows — work that is no tenant's, such as a
 * function's SnapStart priming. Tables are found at run time, so one added by a later migration is
 * covered too.
 */
public record DatabaseSnapshot(Map<String, String> tables) {

    /** Every row of every table. */
    public static DatabaseSnapshot of() {
        return of(TestDatabase.dataSource());
    }

    public static DatabaseSnapshot of(DataSource dataSource) {
        return take(dataSource, null);
    }

    /** Every row of one organization, in every table that has an {@code organization_id}. */
    public static DatabaseSnapshot of(UUID organizationId) {
        return of(TestDatabase.dataSource(), organizationId);
    }

    public static DatabaseSnapshot of(DataSource dataSource, UUID organizationId) {
        return take(dataSource, organizationId);
    }

    private static DatabaseSnapshot take(DataSource dataSource, UUID organizationId) {
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = Sql.list(c, organizationId == null
                    ? """
                      SELECT table_name FROM information_schema.tables
                       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                       ORDER BY table_name"""
                    : """
                      SELECT table_name FROM information_schema.columns
                       WHERE table_schema = current_schema() AND column_name = 'organization_id'
                       ORDER BY table_name""", row -> row.getString(1));
            Map<String, String> digests = new LinkedHashMap<>();
            for (String table : tables) {
                List<Object> params = new ArrayList<>();
                String where = "";
                if (organizationId != null) {
                    where = " WHERE organization_id = ?";
                    params.add(organizationId);
                }
                digests.put(table, Sql.one(c, "SELECT count(*) || ' rows, ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM \"" + table + "\" t" + where, row -> row.getString(1), params.toArray()).orElseThrow());
            }
            return new DatabaseSnapshot(digests);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
