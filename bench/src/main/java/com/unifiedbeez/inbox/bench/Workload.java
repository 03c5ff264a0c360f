package com.unifiedbeez.inbox.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.platform.auth.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The requests measured, with callers found in the generated data: the big organization's admin,
 * its busiest agent (for view=mine) and a quiet agent.
 */
final class Workload {
    static final String LIST = "/api/inbox/conversations";
    static final String SEARCH = "/api/inbox/conversations/search";
    static final double LIST_TARGET_MS = 20;
    static final double SEARCH_TARGET_MS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Who(UUID user, UUID organization, String role, String description) {
        /** The claims API Gateway's JWT authorizer passes on for this caller. */
        Map<String, String> claims() {
            return Workload.claims(user, organization, role);
        }
    }

    static Map<String, String> claims(UUID user, UUID organization, String role) {
        return Map.of(Caller.CLAIM_USER, user.toString(), Caller.CLAIM_ORGANIZATION, organization.toString(),
                Caller.CLAIM_ROLE, role);
    }

    /** One measured request. {@code query} is mutable only until measuring (page 20's cursor). */
    record Scenario(String id, String title, String path, Map<String, String> query, Who who, double targetMs,
                    boolean extra) {
        String pathAndQuery() {
            StringBuilder sb = new StringBuilder(path);
            char sep = '?';
            for (Map.Entry<String, String> e : query.entrySet()) {
                sb.append(sep).append(e.getKey()).append('=')
                        .append(java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
                sep = '&';
            }
            return sb.toString();
        }

        /** The request as the report shows it (cursors abbreviated). */
        String display() {
            String s = pathAndQuery();
            String cursor = query.get("cursor");
            if (cursor != null) {
                s = s.replace(java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8),
                        "<page-20 cursor>");
            }
            String before = query.get("before");
            if (before != null) {
                s = s.replace(java.net.URLEncoder.encode(before, java.nio.charset.StandardCharsets.UTF_8),
                        "<cursor>");
            }
            return s;
        }
    }

    final UUID organization;
    final Who admin;
    final Who busyAgent;
    final long busyAgentAssigned;
    final Who quietAgent;
    final String phonePrefix;
    final UUID rareLabel;
    final List<Scenario> scenarios = new ArrayList<>();
    final Map<String, String> notes = new LinkedHashMap<>();

    Workload(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            organization = uuid(c, "SELECT id FROM organizations WHERE name = ?", BenchData.BIG_ORG);
            admin = new Who(uuid(c, "SELECT id FROM users WHERE organization_id = ? AND role = 'admin' ORDER BY id LIMIT 1",
                    organization), organization, "admin", "an admin");
            UUID busy = uuid(c, """
                    SELECT assignee_user_id FROM conversations WHERE organization_id = ? AND assignee_user_id IS NOT NULL
                     GROUP BY 1 ORDER BY count(*) DESC LIMIT 1""", organization);
            busyAgentAssigned = number(c, "SELECT count(*) FROM conversations WHERE organization_id = ? AND assignee_user_id = ?",
                    organization, busy);
            busyAgent = new Who(busy, organization, "agent", "the busiest agent (" + busyAgentAssigned + " assigned)");
            quietAgent = new Who(uuid(c, """
                    SELECT u.id FROM users u WHERE u.organization_id = ? AND u.role = 'agent'
                     ORDER BY (SELECT count(*) FROM conversations c WHERE c.assignee_user_id = u.id), u.id LIMIT 1""",
                    organization), organization, "agent", "an agent");
            // A UK mobile prefix as an agent types it: "+44 77009" without spaces.
            String phone = text(c, """
                    SELECT phone FROM contacts WHERE organization_id = ? AND phone LIKE '+447700%' ORDER BY phone
                     OFFSET 10 LIMIT 1""", organization);
            phonePrefix = phone.substring(0, 9);
            rareLabel = uuid(c, """
                    SELECT l.id FROM labels l WHERE l.organization_id = ?
                     ORDER BY (SELECT count(*) FROM conversation_labels cl WHERE cl.label_id = l.id), l.id LIMIT 1""",
                    organization);
        }
        list("list-all", "view=all", false, admin, "view", "all", "limit", "25");
        list("list-mine", "view=mine (busiest agent)", false, busyAgent, "view", "mine", "limit", "25");
        list("list-unassigned", "view=unassigned", false, quietAgent, "view", "unassigned", "limit", "25");
        list("list-filtered", "status=active & channel=whatsapp", false, admin,
                "view", "all", "status", "active", "channel", "whatsapp", "limit", "25");
        list("list-page20", "view=all, page 20 via cursors", false, admin, "view", "all", "limit", "25");
        list("list-filtered-sparse", "status=new,active & channel=telegram (sparse)", true, admin,
                "view", "all", "status", "new,active", "channel", "telegram", "limit", "25");
        list("list-label", "labels=<least used label>", true, admin,
                "view", "all", "labels", rareLabel.toString(), "limit", "25");
        search("search-rare", "rare word", "chargeback");
        search("search-common", "common word", "order");
        search("search-name", "contact-name prefix", "marg");
        search("search-phone", "phone-number prefix", phonePrefix);
    }

    /** A list request; {@code query} is name, value, name, value... in the order the URL shows them. */
    private void list(String id, String title, boolean extra, Who who, String... query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            q.put(query[i], query[i + 1]);
        }
        scenarios.add(new Scenario(id, title, LIST, q, who, LIST_TARGET_MS, extra));
    }

    private void search(String id, String title, String q) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", q);
        query.put("limit", "25");
        scenarios.add(new Scenario(id, title + " \"" + q + "\"", SEARCH, query, quietAgent, SEARCH_TARGET_MS, false));
    }

    /** How many of the organization's conversations each search matches (the predicate the repository uses). */
    Map<String, Long> searchMatches(DataSource dataSource) throws SQLException {
        Map<String, Long> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (Scenario s : scenarios) {
                if (!s.path().equals(SEARCH)) {
                    continue;
                }
                String q = s.query().get("q");
                String prefix = String.join(" & ", java.util.Arrays.stream(q.toLowerCase().split("[^\\p{L}\\p{N}]+"))
                        .filter(w -> !w.isEmpty()).map(w -> w + ":*").toList());
                // The repository's predicate, written as a union of joins so it counts fast (its
                // OR-of-EXISTS form is built to stop at a page, not to count everything).
                result.put(s.id(), number(c, """
                        SELECT count(*) FROM (
                          SELECT c.id FROM conversations c JOIN contacts sc ON sc.id = c.contact_id
                           WHERE c.organization_id = ? AND sc.search @@ to_tsquery('simple', ?)
                          UNION
                          SELECT c.id FROM conversations c JOIN contact_identities si ON si.contact_id = c.contact_id
                           WHERE c.organization_id = ? AND si.search @@ to_tsquery('simple', ?)
                          UNION
                          SELECT sm.conversation_id FROM messages sm
                           WHERE sm.organization_id = ? AND sm.deleted_at IS NULL
                             AND sm.search @@ websearch_to_tsquery('english', ?)) matching""",
                        organization, prefix, organization, prefix, organization, q));
            }
        }
        return result;
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static UUID uuid(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("the generated data has no answer to: " + sql);
            }
            return r.getObject(1, UUID.class);
        }
    }

    private static long number(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String text(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, params); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("the generated data has no answer to: " + sql);
            }
            return r.getString(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }
}
