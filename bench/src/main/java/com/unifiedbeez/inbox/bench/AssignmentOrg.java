package com.unifiedbeez.inbox.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Part I's organization ({@value #NAME}) in the part A database, written with plain SQL (ids derived
 * from {@code md5} of a name and a number, so the bench knows them without reading them back):
 * <ul>
 *   <li>I1's team: {@value #AGENTS} agents, all online, {@value #CONVERSATIONS} conversations spread
 *       evenly over them (40% new or active: each agent carries 200 open ones, the load the candidate
 *       query counts; the rest resolved or closed), and {@value #FRESH} fresh unassigned new
 *       conversations of the team, the arrivals decided in turn;</li>
 *   <li>I2's team: {@value #DRAIN_AGENTS} agents, offline, and {@value #QUEUED} new conversations of the
 *       team (queued by the bench through the router).</li>
 * </ul>
 * Each team assigns automatically (the team level of {@code autoAssignment}).
 */
final class AssignmentOrg {
    static final String NAME = "bench-i assignment";
    static final UUID ORGANIZATION = UUID.fromString("0190bf00-0000-7000-8000-00000000c901");
    static final UUID TEAM = UUID.fromString("0190bf00-0000-7000-8000-00000000c902");
    static final UUID DRAIN_TEAM = UUID.fromString("0190bf00-0000-7000-8000-00000000c903");
    static final int AGENTS = 200;
    static final int CONVERSATIONS = 100_000;
    static final int FRESH = 200;
    static final int DRAIN_AGENTS = 10;
    static final int QUEUED = 1000;
    /** I1's capacity: far above any agent's 200 open conversations, so nobody is skipped for it. */
    static final int CAPACITY = 1000;
    /** I2's capacity: the 1,000 queued conversations fill the 10 agents exactly. */
    static final int DRAIN_CAPACITY = QUEUED / DRAIN_AGENTS;
    /** Contacts of the 100,000: one open conversation per contact and channel (conversations_one_open). */
    private static final int CONTACTS = 25_000;
    /** The tables part I writes: vacuumed after cleanup, and between I1's two phases. */
    static final List<String> TABLES = List.of("conversations", "contacts", "users", "teams", "team_members", "settings",
            "conversation_routing", "assignment_decisions", "domain_events");

    private static final Pattern HEAP_FETCHES = Pattern.compile("Heap Fetches: (\\d+)");

    private AssignmentOrg() {
    }

    static UUID agent(int n) {
        return md5Uuid("bench-i agent " + n);
    }

    static UUID drainAgent(int n) {
        return md5Uuid("bench-i drain agent " + n);
    }

    static List<UUID> fresh() {
        return ids("bench-i fresh ", FRESH);
    }

    static List<UUID> queued() {
        return ids("bench-i queued ", QUEUED);
    }

    static List<UUID> drainAgents() {
        List<UUID> ids = new ArrayList<>();
        for (int n = 0; n < DRAIN_AGENTS; n++) {
            ids.add(drainAgent(n));
        }
        return ids;
    }

    private static List<UUID> ids(String prefix, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            ids.add(md5Uuid(prefix + n));
        }
        return ids;
    }

    /** As PostgreSQL's {@code md5(text)::uuid}. */
    private static UUID md5Uuid(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d);
            return new UUID(b.getLong(), b.getLong());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the organization. Autovacuum is off on {@code conversations} until {@link #vacuum}: I1's
     * first phase measures the rows as written (their pages not yet all-visible), and an autovacuum
     * run in the middle of it would mix the two states.
     */
    static void setUp(DataSource admin, String strategy) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE conversations SET (autovacuum_enabled = off)");
            c.setAutoCommit(false);
            exec(c, "INSERT INTO organizations (id, name) VALUES (?, ?)", ORGANIZATION, NAME);
            exec(c, """
                    INSERT INTO users (id, organization_id, email, name, role, status)
                    SELECT md5('bench-i agent ' || n)::uuid, ?, 'agent-' || n || '@bench-i.test', 'Agent ' || n, 'agent',
                           'online' FROM generate_series(0, ? - 1) n""", ORGANIZATION, AGENTS);
            exec(c, """
                    INSERT INTO users (id, organization_id, email, name, role, status)
                    SELECT md5('bench-i drain agent ' || n)::uuid, ?, 'drain-' || n || '@bench-i.test', 'Drain ' || n,
                           'agent', 'offline' FROM generate_series(0, ? - 1) n""", ORGANIZATION, DRAIN_AGENTS);
            exec(c, "INSERT INTO teams (id, organization_id, name) VALUES (?, ?, 'I1 arrivals'), (?, ?, 'I2 queue')",
                    TEAM, ORGANIZATION, DRAIN_TEAM, ORGANIZATION);
            exec(c, """
                    INSERT INTO team_members (organization_id, team_id, user_id, joined_at)
                    SELECT ?, ?, md5('bench-i agent ' || n)::uuid, now() - interval '30 days' - n * interval '1 minute'
                      FROM generate_series(0, ? - 1) n""", ORGANIZATION, TEAM, AGENTS);
            exec(c, """
                    INSERT INTO team_members (organization_id, team_id, user_id, joined_at)
                    SELECT ?, ?, md5('bench-i drain agent ' || n)::uuid, now() - interval '30 days'
                      FROM generate_series(0, ? - 1) n""", ORGANIZATION, DRAIN_TEAM, DRAIN_AGENTS);
            autoAssignment(c, TEAM, strategy, CAPACITY, true);
            autoAssignment(c, DRAIN_TEAM, "load_balanced", DRAIN_CAPACITY, true);
            exec(c, """
                    INSERT INTO contacts (id, organization_id, name)
                    SELECT md5('bench-i contact ' || n)::uuid, ?, 'Customer ' || n
                      FROM generate_series(0, ? - 1) n""", ORGANIZATION, CONTACTS + FRESH + QUEUED);
            // Agent i % 200; status by (i / 200) % 10, so every agent has the same mix: 2 new, 2 active,
            // 5 resolved, 1 closed in 10. Newest first in the heap's order, as they would have arrived.
            exec(c, """
                    INSERT INTO conversations (id, organization_id, contact_id, channel, status, assignee_user_id,
                                               assignee_team_id, subject, last_message_at, created_at, updated_at)
                    SELECT md5('bench-i conversation ' || i)::uuid, ?, md5('bench-i contact ' || (i % ?))::uuid,
                           (ARRAY['whatsapp', 'email', 'instagram', 'messenger'])[(i / ?) % 4 + 1],
                           (ARRAY['new', 'new', 'active', 'active', 'resolved', 'resolved', 'resolved', 'resolved',
                                  'resolved', 'closed'])[(i / ?) % 10 + 1],
                           md5('bench-i agent ' || (i % ?))::uuid, ?, 'Order question ' || i,
                           now() - i * interval '1 minute', now() - i * interval '1 minute', now()
                      FROM generate_series(0, ? - 1) i""",
                    ORGANIZATION, CONTACTS, CONTACTS, AGENTS, AGENTS, TEAM, CONVERSATIONS);
            unassigned(c, "bench-i fresh ", FRESH, CONTACTS, TEAM);
            unassigned(c, "bench-i queued ", QUEUED, CONTACTS + FRESH, DRAIN_TEAM);
            c.commit();
            c.setAutoCommit(true);
            // Statistics as production would have them; ANALYZE sets no visibility-map bits.
            s.execute("ANALYZE conversations, contacts, users, team_members");
        }
    }

    /** {@code count} new conversations of {@code team} without an agent, on contacts from {@code firstContact}. */
    private static void unassigned(Connection c, String prefix, int count, int firstContact, UUID team)
            throws SQLException {
        exec(c, """
                INSERT INTO conversations (id, organization_id, contact_id, channel, status, assignee_team_id, subject,
                                           last_message_at)
                SELECT md5(? || n)::uuid, ?, md5('bench-i contact ' || (? + n))::uuid, 'whatsapp', 'new', ?,
                       'Where is my order?', now() - n * interval '1 second'
                  FROM generate_series(0, ? - 1) n""", prefix, ORGANIZATION, firstContact, team, count);
    }

    /** The team level of {@code autoAssignment}: on, with the strategy and capacity given. */
    static void autoAssignment(Connection c, UUID team, String strategy, int capacity, boolean insert)
            throws SQLException {
        String json = """
                {"autoAssignment": {"enabled": true, "strategy": "%s", "maxConversationsPerAgent": %d,
                 "onlyOnline": true}}""".formatted(strategy, capacity);
        if (insert) {
            exec(c, "INSERT INTO settings (id, organization_id, scope, scope_id, settings) VALUES (gen_random_uuid(), ?,"
                    + " 'team', ?, ?::jsonb)", ORGANIZATION, team, json);
        } else {
            exec(c, "UPDATE settings SET settings = ?::jsonb WHERE organization_id = ? AND scope = 'team' AND scope_id = ?",
                    json, ORGANIZATION, team);
        }
    }

    /** VACUUM ANALYZE of the tables part I writes; autovacuum back on. */
    static void vacuum(DataSource admin) throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE conversations RESET (autovacuum_enabled)");
            s.execute("VACUUM ANALYZE " + String.join(", ", TABLES));
        }
    }

    /**
     * Deletes the organization (its conversations, decisions, events with it), turns autovacuum back
     * on, vacuums what it wrote and rebuilds the indexes of conversations and contacts, so that the
     * other parts find the data set as part A left it; true when there was one (an earlier run died
     * half-way).
     */
    static boolean cleanup(DataSource admin) throws SQLException {
        int deleted;
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE conversations RESET (autovacuum_enabled)");
            exec(c, "DELETE FROM domain_events WHERE organization_id = ?", ORGANIZATION);
            exec(c, "DELETE FROM conversations WHERE organization_id = ?", ORGANIZATION);
            deleted = exec(c, "DELETE FROM organizations WHERE id = ?", ORGANIZATION);
            if (deleted > 0) {
                s.execute("VACUUM ANALYZE " + String.join(", ", TABLES));
                // VACUUM truncates the heap, not the indexes: 100,000 rows in and out (random md5 ids
                // across the whole key range) leave them three times their size. Rebuilt: ~2 s.
                s.execute("REINDEX TABLE conversations");
                s.execute("REINDEX TABLE contacts");
            }
        }
        return deleted > 0;
    }

    /** The sum of "Heap Fetches" in the candidate query's plan (EXPLAIN ANALYZE): the visibility map's effect. */
    static long heapFetches(DataSource admin, String membersSql) throws SQLException {
        long fetches = 0;
        try (Connection c = admin.getConnection();
             PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + membersSql)) {
            s.setObject(1, ORGANIZATION);
            s.setObject(2, TEAM);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Matcher m = HEAP_FETCHES.matcher(r.getString(1));
                    if (m.find()) {
                        fetches += Long.parseLong(m.group(1));
                    }
                }
            }
        }
        return fetches;
    }

    static int exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Runs a query on {@code c} and returns its first column's longs, row by row. */
    static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getLong(1));
                }
            }
            return out;
        }
    }
}
