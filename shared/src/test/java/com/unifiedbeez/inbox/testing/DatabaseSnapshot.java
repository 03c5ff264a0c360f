package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Every row of every table, whatever organization it belongs to (a row count and a digest of the
 * rows' text per table): {@link OrgSnapshot} for work that is not one tenant's, such as a
 * function's SnapStart priming, which must leave the database exactly as it found it.
 */
public record DatabaseSnapshot(Map<String, String> tables) {

    public static DatabaseSnapshot of() {
        return of(TestDatabase.dataSource());
    }

    public static DatabaseSnapshot of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            // Found at run time, so a table added by a later migration is covered too.
            List<String> tables = Sql.list(c, """
                    SELECT table_name FROM information_schema.tables
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                     ORDER BY table_name""", row -> row.getString(1));
            Map<String, String> digests = new LinkedHashMap<>();
            for (String table : tables) {
                digests.put(table, Sql.one(c, "SELECT count(*) || ' rows, ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM \"" + table + "\" t", row -> row.getString(1)).orElseThrow());
            }
            return new DatabaseSnapshot(digests);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
