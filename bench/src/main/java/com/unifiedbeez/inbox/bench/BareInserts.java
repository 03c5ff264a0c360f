package com.unifiedbeez.inbox.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import javax.sql.DataSource;

/**
 * The floor of normalization (part F2): the rows the normalizer wrote, inserted again bare. After
 * F2 the rows are read (every column but the generated ones), grouped by the record that wrote them
 * and deleted; then each configuration of F2 inserts its share again, with the same threads and the
 * same records per call, one transaction per record as the normalizer commits, on plain JDBC
 * connections: {@code INSERT INTO t (columns) VALUES (?, ...)}, one prepared statement per table.
 *
 * <p>A record's rows: the contact and its identities, if the record created them; the conversation
 * and its {@code conversation:new} event if the record created it (or the
 * {@code conversation:status} event if it reopened it); its message and its
 * {@code message:received} event. The normalizer's lookups and its UPDATE of the conversation are
 * not part of the floor: it is the rows, inserted.
 */
final class BareInserts {
    /** The tables, in the order a record's rows are inserted (foreign keys). */
    private static final List<String> TABLES = List.of("contacts", "contact_identities", "conversations", "messages",
            "domain_events");

    /** One row: its table and its values, in the order of {@code columns.get(table)}. */
    record Row(String table, Object[] values) {
    }

    /** One record's rows; {@code group} is its customer (records of one customer stay on one thread, in order). */
    record Unit(UUID group, List<Row> rows) {
    }

    private final Map<String, List<String>> columns;
    private List<Unit> left;
    final long rows;
    final int unplaced;

    private BareInserts(Map<String, List<String>> columns, List<Unit> units, int unplaced) {
        this.columns = columns;
        this.left = units;
        this.rows = units.stream().mapToLong(u -> u.rows().size()).sum();
        this.unplaced = unplaced;
    }

    /**
     * Reads what the normalizer wrote in {@code organization} (its messages and events, and the
     * contacts, identities and conversations created in the last day: the existing ones are a month
     * old), groups it by record in the order the messages were stored, and deletes it.
     */
    static BareInserts takeOut(DataSource ds, UUID organization) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            Map<String, List<String>> columns = new LinkedHashMap<>();
            for (String table : TABLES) {
                columns.put(table, insertable(c, table));
            }
            String recent = "organization_id = ? AND created_at > now() - interval '1 day'";
            Map<UUID, Object[]> contacts = byId(read(c, "contacts", columns, recent, organization), columns, "contacts");
            Map<UUID, List<Object[]>> identities = groupBy(read(c, "contact_identities", columns,
                    "organization_id = ? AND contact_id IN (SELECT id FROM contacts WHERE " + recent + ")",
                    organization, organization), columns, "contact_identities", "contact_id");
            Map<UUID, Object[]> conversations = byId(read(c, "conversations", columns, recent, organization), columns,
                    "conversations");
            List<Object[]> messages = read(c, "messages", columns, "organization_id = ? ORDER BY created_at, id",
                    organization);
            List<Object[]> events = read(c, "domain_events", columns, "organization_id = ?", organization);
            Map<UUID, UUID> contactOf = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, contact_id FROM conversations WHERE organization_id = ?")) {
                s.setObject(1, organization);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        contactOf.put(r.getObject(1, UUID.class), r.getObject(2, UUID.class));
                    }
                }
            }
            // Events by what they announce: a message's (message:received) by its message, the others
            // (conversation:new, conversation:status of a reopened one) by their conversation.
            Map<String, List<Object[]>> eventsOf = new HashMap<>();
            int payload = columns.get("domain_events").indexOf("payload");
            int eventConversation = columns.get("domain_events").indexOf("conversation_id");
            for (Object[] e : events) {
                String message = Workload.parse(String.valueOf(e[payload])).path("message").path("id").asText("");
                String key = message.isEmpty() ? "conversation " + e[eventConversation] : "message " + message;
                eventsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
            int id = columns.get("messages").indexOf("id");
            int conversation = columns.get("messages").indexOf("conversation_id");
            Set<UUID> placed = new HashSet<>();
            List<Unit> units = new ArrayList<>();
            int placedEvents = 0;
            for (Object[] m : messages) {
                UUID conv = (UUID) m[conversation];
                UUID contact = contactOf.get(conv);
                List<Row> rows = new ArrayList<>();
                if (placed.add(conv)) { // the conversation's first message: it created or reopened it
                    if (conversations.containsKey(conv)) {
                        if (contacts.containsKey(contact) && placed.add(contact)) {
                            rows.add(new Row("contacts", contacts.get(contact)));
                            identities.getOrDefault(contact, List.of())
                                    .forEach(v -> rows.add(new Row("contact_identities", v)));
                        }
                        rows.add(new Row("conversations", conversations.get(conv)));
                    }
                    for (Object[] e : eventsOf.getOrDefault("conversation " + conv, List.of())) {
                        rows.add(new Row("domain_events", e));
                        placedEvents++;
                    }
                }
                rows.add(new Row("messages", m));
                for (Object[] e : eventsOf.getOrDefault("message " + m[id], List.of())) {
                    rows.add(new Row("domain_events", e));
                    placedEvents++;
                }
                units.add(new Unit(contact, rows));
            }
            for (String sql : List.of("DELETE FROM domain_events WHERE organization_id = ?",
                    "DELETE FROM messages WHERE organization_id = ?",
                    "DELETE FROM contact_identities WHERE organization_id = ? AND contact_id IN (SELECT id FROM contacts WHERE "
                            + recent + ")",
                    "DELETE FROM conversations WHERE " + recent, "DELETE FROM contacts WHERE " + recent)) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 1; i <= s.getParameterMetaData().getParameterCount(); i++) {
                        s.setObject(i, organization);
                    }
                    s.executeUpdate();
                }
            }
            c.commit();
            return new BareInserts(columns, units, events.size() - placedEvents);
        }
    }

    int remaining() {
        return left.size();
    }

    /**
     * {@code threads} threads, each on a plain connection, insert the next {@code count} records'
     * rows (each customer's on one thread, in order), {@code perCall} records per timed call, one
     * transaction per record, until their share is done.
     */
    ClosedLoop.Run insert(String jdbcUrl, int count, int threads, int perCall, CpuMeter meter) throws Exception {
        List<List<Unit>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            parts.add(new ArrayList<>());
        }
        int n = Math.min(count, left.size());
        for (Unit u : left.subList(0, n)) {
            parts.get(Math.floorMod(u.group().hashCode(), threads)).add(u);
        }
        left = left.subList(n, left.size());
        List<Connection> plain = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection c = JdbcScript.plainConnection(jdbcUrl);
                c.setAutoCommit(false);
                plain.add(c);
            }
            IntFunction<ClosedLoop.Calls> calls = thread -> new ClosedLoop.Calls() {
                private final Map<String, PreparedStatement> statements = new HashMap<>();
                private int next;
                private int last;

                @Override
                public String call() throws SQLException {
                    List<Unit> mine = parts.get(thread);
                    if (next >= mine.size()) {
                        return ClosedLoop.DONE;
                    }
                    Connection c = plain.get(thread);
                    int end = Math.min(mine.size(), next + perCall);
                    for (Unit u : mine.subList(next, end)) {
                        for (Row row : u.rows()) {
                            PreparedStatement s = statements.computeIfAbsent(row.table(), t -> insertStatement(c, t));
                            for (int i = 0; i < row.values().length; i++) {
                                s.setObject(i + 1, row.values()[i]);
                            }
                            s.executeUpdate();
                        }
                        c.commit();
                    }
                    last = end - next;
                    next = end;
                    return null;
                }

                @Override
                public int items() {
                    return last;
                }
            };
            return ClosedLoop.run(threads, 0, 600, meter, calls);
        } finally {
            for (Connection c : plain) {
                c.close();
            }
        }
    }

    private PreparedStatement insertStatement(Connection c, String table) {
        List<String> cols = columns.get(table);
        try {
            return c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ", cols) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table's columns a row can be written with (not the generated ones). */
    private static List<String> insertable(Connection c, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? AND is_generated = 'NEVER'"
                + " ORDER BY ordinal_position")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    cols.add(r.getString(1));
                }
            }
        }
        return cols;
    }

    private static List<Object[]> read(Connection c, String table, Map<String, List<String>> columns, String where,
                                       Object... params) throws SQLException {
        List<String> cols = columns.get(table);
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + String.join(", ", cols) + " FROM " + table
                + " WHERE " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                boolean[] timestamptz = new boolean[cols.size()];
                for (int i = 0; i < timestamptz.length; i++) {
                    timestamptz[i] = "timestamptz".equals(r.getMetaData().getColumnTypeName(i + 1));
                }
                while (r.next()) {
                    Object[] values = new Object[cols.size()];
                    for (int i = 0; i < values.length; i++) {
                        // an instant with its offset, not a java.sql.Timestamp in the JVM's zone
                        values[i] = timestamptz[i] ? r.getObject(i + 1, OffsetDateTime.class) : r.getObject(i + 1);
                    }
                    rows.add(values);
                }
            }
        }
        return rows;
    }

    private static Map<UUID, Object[]> byId(List<Object[]> rows, Map<String, List<String>> columns, String table) {
        int id = columns.get(table).indexOf("id");
        Map<UUID, Object[]> out = new HashMap<>();
        rows.forEach(r -> out.put((UUID) r[id], r));
        return out;
    }

    private static Map<UUID, List<Object[]>> groupBy(List<Object[]> rows, Map<String, List<String>> columns, String table,
                                                     String column) {
        int index = columns.get(table).indexOf(column);
        Map<UUID, List<Object[]>> out = new HashMap<>();
        rows.forEach(r -> out.computeIfAbsent((UUID) r[index], k -> new ArrayList<>()).add(r));
        return out;
    }
}
