package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.bench.Workload.Scenario;
import com.unifiedbeez.inbox.bench.Workload.Who;
import com.unifiedbeez.inbox.functions.team.DaggerTeamComponent;
import com.unifiedbeez.inbox.functions.team.TeamComponent;
import com.unifiedbeez.inbox.functions.team.TeamHandler;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testkit.HttpEventBuilder;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Part I3: {@code GET /api/inbox/team/{teamId}} through the real {@code TeamHandler} (its Dagger
 * component) in-process, on part A's big organization: its team with the most conversations, asked by
 * one of the team's agents. Measured like part B ({@link Measure}), beside the same floor: the
 * request's own SQL, recorded from a handler of its own on a recording connection and replayed on a
 * plain one ({@link Measure.Floors}).
 */
final class TeamInboxBench {
    static final String TEMPLATE = "/api/inbox/team/{teamId}";

    record Result(List<Measure.Result> results, Measure.Floors floors, UUID team, long teamConversations,
                  String caller) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("team", team.toString());
            m.put("teamConversations", teamConversations);
            m.put("caller", caller);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Measure.Result r : results) {
                Map<String, Object> row = r.toMap();
                row.put("floor", floors.toMap(r));
                rows.add(row);
            }
            m.put("requests", rows);
            return m;
        }

        String markdown() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "The real `TeamHandler.handleRequest` (`DaggerTeamComponent`, HikariCP pool"
                    + " of 2) on part A's data, API Gateway v2 events with JWT claims; one thread, back to back, after"
                    + " warm-up, as part B. The big organization's team with the most conversations (%,d of its 100,000),"
                    + " asked by %s.%n%n", teamConversations, caller));
            s.append(Report.LATENCY_HEADER);
            for (Measure.Result r : results) {
                s.append(Report.tableRow(r, null, floors.of(r)));
            }
            s.append("\n").append(Report.LATENCY_FLOOR_NOTE).append("\n\n");
            return s.toString();
        }
    }

    private TeamInboxBench() {
    }

    static Result run(BenchDatabase db, Workload workload, Measure.Settings settings, Path home) throws Exception {
        UUID team;
        long teamConversations;
        UUID member;
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT assignee_team_id, count(*) FROM conversations
                     WHERE organization_id = ? AND assignee_team_id IS NOT NULL
                     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1""")) {
                s.setObject(1, workload.organization);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    team = r.getObject(1, UUID.class);
                    teamConversations = r.getLong(2);
                }
            }
            // A member agent: the caller the team inbox is for (TeamAccess checks the membership).
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT m.user_id FROM team_members m JOIN users u ON u.id = m.user_id
                     WHERE m.team_id = ? AND u.role = 'agent' ORDER BY m.user_id LIMIT 1""")) {
                s.setObject(1, team);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalStateException("team " + team + " has no agent");
                    }
                    member = r.getObject(1, UUID.class);
                }
            }
        }
        Who who = new Who(member, workload.organization, "agent", "a member agent of the team");
        String path = TEMPLATE; // the report shows the route; the transport fills in the team
        List<Scenario> scenarios = List.of(
                scenario("team-all", "the team's conversations", path, who, "limit", "25"),
                scenario("team-unassigned", "no agent yet", path, who, "assignee", "none", "limit", "25"),
                scenario("team-open", "open ones", path, who, "status", "new,active", "limit", "25"));
        Config config = Config.of(Map.of(Config.DB_URL, db.plainJdbcUrl(), Config.DB_USER, "postgres",
                Config.DB_PASSWORD, "postgres"));
        List<Measure.Result> results;
        try (InProcess handler = new InProcess(config, team)) {
            results = Measure.run("I3", handler, scenarios, settings, new CpuMeter(home.resolve("postgres")));
        }
        Measure.Floors floors;
        try (InProcess recorder = new InProcess(config.with(Config.DB_URL, JdbcScript.recordingUrl(db.plainJdbcUrl())),
                team)) {
            floors = Measure.Floors.measure("floor", recorder, scenarios, db.plainJdbcUrl(), settings,
                    new CpuMeter(home.resolve("postgres")));
        }
        return new Result(results, floors, team, teamConversations, who.description());
    }

    private static Scenario scenario(String id, String title, String path, Who who, String... query) {
        Map<String, String> q = new LinkedHashMap<>();
        for (int i = 0; i < query.length; i += 2) {
            q.put(query[i], query[i + 1]);
        }
        return new Scenario(id, title, path, q, who, Workload.LIST_TARGET_MS, false);
    }

    /** The team handler in this JVM, called with API Gateway v2 events on its route. */
    private static final class InProcess implements Measure.Transport, AutoCloseable {
        private final TeamComponent component;
        private final TeamHandler handler;
        private final UUID team;

        InProcess(Config config, UUID team) {
            this.component = DaggerTeamComponent.factory().create(config);
            this.handler = new TeamHandler(component);
            this.team = team;
        }

        @Override
        public Measure.Answer call(Scenario s) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEventBuilder.request("GET", TEMPLATE)
                    .path("teamId", team).query(s.query()).claims(s.who().claims()).build(), null);
            return new Measure.Answer(response.getStatusCode(), response.getBody());
        }

        @Override
        public void close() {
            if (component.dataSource() instanceof HikariDataSource hikari) {
                hikari.close();
            }
        }
    }
}
