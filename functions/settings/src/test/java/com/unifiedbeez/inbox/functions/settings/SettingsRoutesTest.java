package com.unifiedbeez.inbox.functions.settings;

import static com.unifiedbeez.inbox.functions.settings.SettingsHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The settings routes on the real database: levels, provenance, locks, reset, export/import, events. */
class SettingsRoutesTest {
    private static final String PREFS_DE = "{\"preferences\": {\"language\": \"de\", \"sound\": false, \"compactList\": true}}";

    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;
    private Caller admin;
    private Caller agent;
    private UUID support;
    private UUID sales;

    @BeforeEach
    void organization() {
        org = fx.organization("Acme " + UUID.randomUUID());
        admin = fx.user(org, "Ada", Role.ADMIN);
        agent = fx.user(org, "Sam", Role.AGENT);
        support = fx.team(org, "Support");
        sales = fx.team(org, "Sales");
        // Sam joined Support first, Sales a day later.
        fx.exec("INSERT INTO team_members (organization_id, team_id, user_id, joined_at) VALUES (?, ?, ?, now() - interval '2 days')",
                org, support, agent.userId());
        fx.exec("INSERT INTO team_members (organization_id, team_id, user_id, joined_at) VALUES (?, ?, ?, now() - interval '1 day')",
                org, sales, agent.userId());
    }

    @Test
    void effectiveSettingsSayWhereEachValueComesFrom() {
        put("/api/inbox/settings/organization", admin, "{\"workingHours\": {\"timezone\": \"Europe/London\"}}");
        putTeam(sales, "{\"preferences\": {\"language\": \"es\"}}");
        putTeam(support, "{\"preferences\": {\"language\": \"fr\"}}");
        put("/api/inbox/settings", agent, "{\"signature\": {\"enabled\": true, \"text\": \"Sam, Acme support\"}}");

        JsonNode effective = get("/api/inbox/settings?effective=true", agent).json();

        assertThat(effective.at("/workingHours/source").asText()).isEqualTo("organization");
        assertThat(effective.at("/workingHours/value/timezone").asText()).isEqualTo("Europe/London");
        // Merged over the default: the schedule the organization did not give is the default's.
        assertThat(effective.at("/workingHours/value/schedule/monday/0/to").asText()).isEqualTo("24:00");
        // Two teams: the one Sam joined first wins.
        assertThat(effective.at("/preferences/source").asText()).isEqualTo("team:" + support);
        assertThat(effective.at("/preferences/value/language").asText()).isEqualTo("fr");
        assertThat(effective.at("/signature/source").asText()).isEqualTo("user");
        assertThat(effective.at("/signature/value/text").asText()).isEqualTo("Sam, Acme support");
        assertThat(effective.at("/signature/value/channels/0").asText()).isEqualTo("email");
        assertThat(effective.at("/retentionPolicy/source").asText()).isEqualTo("default");
        assertThat(effective.at("/retentionPolicy/locked").asBoolean()).isFalse();

        JsonNode own = get("/api/inbox/settings", agent).json();
        assertThat(own.get("scope").asText()).isEqualTo("user");
        assertThat(own.get("settings").fieldNames()).toIterable().containsExactly("signature");
        assertThat(own.get("updatedBy").asText()).isEqualTo(agent.userId().toString());
    }

    @Test
    void anOrganizationLockWinsOverTeamsAndUsersAndRefusesTheirChanges() {
        put("/api/inbox/settings", agent, PREFS_DE);
        put("/api/inbox/settings/organization", admin,
                "{\"preferences\": {\"language\": \"en-GB\"}, \"locked\": [\"preferences\"]}");

        JsonNode effective = get("/api/inbox/settings?effective=true", agent).json();
        assertThat(effective.at("/preferences/value/language").asText()).isEqualTo("en-GB");
        assertThat(effective.at("/preferences/source").asText()).isEqualTo("organization");
        assertThat(effective.at("/preferences/locked").asBoolean()).isTrue();

        HttpAnswer refused = call(request("PUT", "/api/inbox/settings").body(
                "{\"preferences\": {\"language\": \"it\"}}").as(agent));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("preferences");
        assertThat(refused.json().at("/errors/0/message").asText()).contains("locked");
        HttpAnswer team = call(request("PUT", "/api/inbox/settings/team/{teamId}").path("teamId", support)
                .body("{\"preferences\": {\"language\": \"it\"}}").as(admin));
        assertThat(team.status()).isEqualTo(422);
        // The stored override is kept, and wins again once the lock is lifted.
        put("/api/inbox/settings/organization", admin, "{\"locked\": []}");
        assertThat(get("/api/inbox/settings?effective=true", agent).json().at("/preferences/value/language").asText())
                .isEqualTo("de");
    }

    @Test
    void aKeyIsSetOnlyAtTheLevelsThatMayHoldIt() {
        HttpAnswer answer = call(request("PUT", "/api/inbox/settings").body(
                "{\"retentionPolicy\": {\"messagesDays\": 30}, \"awayMessage\": {\"enabled\": true}, \"colour\": {}}")
                .as(agent));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("colour", "awayMessage", "retentionPolicy");
        assertThat(fx.count("SELECT count(*) FROM settings WHERE organization_id = ?", org)).isZero();
    }

    @Test
    void wrongTypesAndUnknownFieldsAreNamedByPathAndChangeNothing() {
        put("/api/inbox/settings", agent, PREFS_DE);
        HttpAnswer answer = call(request("PUT", "/api/inbox/settings").body(
                "{\"preferences\": {\"sound\": \"loud\"}, \"notifications\": {\"mention\": {\"sms\": true}}}").as(agent));

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.problemType()).endsWith("/validation-failed");
        assertThat(answer.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("preferences.sound", "notifications.mention.sms");
        assertThat(get("/api/inbox/settings", agent).json().at("/settings/preferences/sound").asBoolean()).isFalse();
    }

    @Test
    void onlyAdminsWriteTheOrganizationAndTeams() {
        HttpAnswer org = call(request("PUT", "/api/inbox/settings/organization").body(PREFS_DE).as(agent));
        HttpAnswer team = call(request("PUT", "/api/inbox/settings/team/{teamId}").path("teamId", support)
                .body(PREFS_DE).as(agent));
        HttpAnswer reset = call(request("POST", "/api/inbox/settings/reset").body("{\"scope\": \"organization\"}")
                .as(agent));

        assertThat(List.of(org.status(), team.status(), reset.status())).containsOnly(403);
        // Reading them is every member's.
        assertThat(get("/api/inbox/settings/organization", agent).status()).isEqualTo(200);
        assertThat(get("/api/inbox/settings/team/" + support + "?effective=true", agent).status()).isEqualTo(200);
    }

    @Test
    void anUnknownTeamIs404() {
        UUID otherOrgTeam = fx.team(fx.organization("Globex " + UUID.randomUUID()), "Support");
        assertThat(call(request("GET", "/api/inbox/settings/team/{teamId}").path("teamId", otherOrgTeam).as(admin))
                .status()).isEqualTo(404);
        assertThat(call(request("PUT", "/api/inbox/settings/team/{teamId}").path("teamId", "not-a-uuid")
                .body(PREFS_DE).as(admin)).status()).isEqualTo(404);
    }

    @Test
    void nullResetsAKeyAndResetRemovesKeysOrEverything() {
        put("/api/inbox/settings", agent, PREFS_DE);
        put("/api/inbox/settings", agent, "{\"signature\": {\"enabled\": true, \"text\": \"Sam\"}}");

        put("/api/inbox/settings", agent, "{\"signature\": null}");
        assertThat(get("/api/inbox/settings", agent).json().get("settings").fieldNames()).toIterable()
                .containsExactly("preferences");

        HttpAnswer reset = call(request("POST", "/api/inbox/settings/reset")
                .body("{\"scope\": \"user\", \"keys\": [\"preferences\"]}").as(agent));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("settings").size()).isZero();
        assertThat(get("/api/inbox/settings?effective=true", agent).json().at("/preferences/source").asText())
                .isEqualTo("default");
        assertThat(fx.count("SELECT count(*) FROM settings WHERE scope = 'user' AND scope_id = ?", agent.userId()))
                .isZero();

        HttpAnswer unknown = call(request("POST", "/api/inbox/settings/reset")
                .body("{\"scope\": \"user\", \"keys\": [\"colour\"]}").as(agent));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().at("/errors/0/field").asText()).isEqualTo("keys[0]");
    }

    @Test
    void anExportImportsBackExactlyAndABadImportChangesNothing() {
        put("/api/inbox/settings/organization", admin, "{\"awayMessage\": {\"enabled\": true, \"text\": \"Back at 9\"},"
                + " \"retentionPolicy\": {\"messagesDays\": 365}, \"locked\": [\"retentionPolicy\"]}");
        JsonNode export = get("/api/inbox/settings/export?scope=organization", admin).json();
        assertThat(export.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(export.at("/settings/retentionPolicy/messagesDays").asInt()).isEqualTo(365);
        assertThat(export.at("/locked/0").asText()).isEqualTo("retentionPolicy");

        call(request("POST", "/api/inbox/settings/reset").body("{\"scope\": \"organization\"}").as(admin));
        assertThat(get("/api/inbox/settings/organization", admin).json().get("settings").size()).isZero();

        HttpAnswer bad = call(request("POST", "/api/inbox/settings/import").body(
                "{\"schemaVersion\": 1, \"scope\": \"organization\", \"settings\": {\"awayMessage\": {\"enabled\": true,"
                        + " \"text\": \"Back\", \"intervalMinutes\": 0, \"channels\": {}}, \"retentionPolicy\":"
                        + " {\"messagesDays\": 365, \"mediaDays\": null}, \"theme\": {}}}").as(admin));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("settings.theme");
        assertThat(fx.count("SELECT count(*) FROM settings WHERE organization_id = ?", org)).isZero();

        HttpAnswer imported = call(request("POST", "/api/inbox/settings/import").body(export.toString()).as(admin));
        assertThat(imported.status()).isEqualTo(200);
        assertThat(imported.json().get("settings")).isEqualTo(export.get("settings"));
        assertThat(imported.json().get("locked")).isEqualTo(export.get("locked"));
    }

    @Test
    void anImportReportsEveryInvalidKey() {
        HttpAnswer bad = call(request("POST", "/api/inbox/settings/import").body(
                "{\"schemaVersion\": 1, \"scope\": \"user\", \"settings\": {\"preferences\": {\"language\": 5,"
                        + " \"sound\": true, \"compactList\": false}, \"retentionPolicy\": {\"messagesDays\": 1,"
                        + " \"mediaDays\": 1}, \"signature\": {\"enabled\": \"yes\", \"text\": \"\", \"html\": null,"
                        + " \"channels\": []}}}").as(agent));

        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("settings.retentionPolicy");
        HttpAnswer version = call(request("POST", "/api/inbox/settings/import").body(
                "{\"schemaVersion\": 2, \"scope\": \"user\", \"settings\": {}}").as(agent));
        assertThat(version.status()).isEqualTo(422);
        assertThat(version.json().at("/errors/0/field").asText()).isEqualTo("schemaVersion");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String text = "x".repeat(70_000);
        HttpAnswer answer = call(request("PUT", "/api/inbox/settings")
                .body("{\"signature\": {\"enabled\": true, \"text\": \"" + text + "\"}}").as(agent));
        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void aChangeIsAnnouncedToTheUsersItAffects() {
        put("/api/inbox/settings", agent, PREFS_DE);
        putTeam(support, "{\"preferences\": {\"language\": \"fr\"}}");
        put("/api/inbox/settings/organization", admin, "{\"preferences\": {\"language\": \"en\"}}");
        put("/api/inbox/settings", agent, PREFS_DE); // the same again: nothing changed, nothing announced

        List<String> events = new Database(TestDatabase.dataSource()).read(c -> Sql.list(c, """
                SELECT payload->>'scope' || ' ' || coalesce(array_to_string(audience, ','), 'everyone')
                  FROM domain_events WHERE organization_id = ? AND name = 'settings:updated' ORDER BY created_at, id""",
                row -> row.getString(1), org));
        assertThat(events).containsExactly("user " + agent.userId(), "team " + agent.userId(), "organization everyone");
    }

    @Test
    void concurrentFirstWritesOfOneLevelLoseNothing() throws Exception {
        List<String> bodies = List.of(PREFS_DE, "{\"signature\": {\"enabled\": true, \"text\": \"Sam\"}}",
                "{\"notifications\": {\"mention\": {\"email\": false}}}",
                "{\"workingHours\": {\"timezone\": \"Asia/Tokyo\"}}");
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpAnswer>> answers = bodies.stream().map(body -> pool.submit(() -> {
                start.await();
                return call(request("PUT", "/api/inbox/settings").body(body).as(agent));
            })).toList();
            start.countDown();
            for (Future<HttpAnswer> answer : answers) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(get("/api/inbox/settings", agent).json().get("settings").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("preferences", "signature", "notifications", "workingHours");
    }

    @Test
    void effectiveIsTrueOrFalse() {
        assertThat(get("/api/inbox/settings?effective=yes", agent).status()).isEqualTo(422);
    }

    private HttpAnswer get(String pathAndQuery, Caller who) {
        String[] parts = pathAndQuery.split("\\?", 2);
        String path = parts[0];
        var request = path.startsWith("/api/inbox/settings/team/")
                ? request("GET", "/api/inbox/settings/team/{teamId}").path("teamId", path.substring(path.lastIndexOf('/') + 1))
                : request("GET", path);
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                request.query(kv[0], kv[1]);
            }
        }
        return call(request.as(who));
    }

    private void put(String path, Caller who, String body) {
        HttpAnswer answer = call(request("PUT", path).body(body).as(who));
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    }

    private void putTeam(UUID team, String body) {
        HttpAnswer answer = call(request("PUT", "/api/inbox/settings/team/{teamId}").path("teamId", team).body(body)
                .as(admin));
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    }
}
