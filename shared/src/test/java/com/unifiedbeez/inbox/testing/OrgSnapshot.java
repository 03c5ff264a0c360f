package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.platform.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Every row of one organization, table by table (a row count and a digest of the rows' text), so a
 * test can assert that a refused request changed nothing: no insert, no update, no delete.
 */
public record OrgSnapshot(Map<String, String> tables) {

    public static OrgSnapshot of(UUID organizationId) {
        return of(TestDatabase.dataSource(), organizationId);
    }

    public static OrgSnapshot of(DataSource dataSource, UUID organizationId) {
        try (Connection c = dataSource.getConnection()) {
            // Found at run time, so a table added by a later migration is covered too.
            List<String> tables = Sql.list(c, """
                    SELECT table_name FROM information_schema.columns
                     WHERE table_schema = current_schema() AND column_name = 'organization_id'
                     ORDER BY table_name""", row -> row.getString(1));
            Map<String, String> digests = new LinkedHashMap<>();
            for (String table : tables) {
                digests.put(table, Sql.one(c, "SELECT count(*) || ' rows, ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                        + " FROM " + table + " t WHERE organization_id = ?", row -> row.getString(1), organizationId).orElseThrow());
            }
            return new OrgSnapshot(digests);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
