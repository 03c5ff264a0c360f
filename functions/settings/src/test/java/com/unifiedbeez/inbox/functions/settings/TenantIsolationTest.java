package com.unifiedbeez.inbox.functions.settings;

import static com.unifiedbeez.inbox.functions.settings.SettingsHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Organization B, even as an admin, neither sees nor changes anything of organization A through any settings route. */
class TenantIsolationTest {
    static final Set<String> COVERED = Set.of(
            "GET /api/inbox/settings", "PUT /api/inbox/settings",
            "GET /api/inbox/settings/organization", "PUT /api/inbox/settings/organization",
            "GET /api/inbox/settings/team/{teamId}", "PUT /api/inbox/settings/team/{teamId}",
            "POST /api/inbox/settings/reset", "GET /api/inbox/settings/export", "POST /api/inbox/settings/import");
    private static final String AWAY = "{\"awayMessage\": {\"enabled\": true, \"text\": \"A's away text\"}}";

    private final Fixtures fx = Fixtures.onTestDatabase();

    @Test
    void everyRouteIsCovered() {
        assertThat(SettingsHandler.ROUTES.keys()).containsExactlyInAnyOrderElementsOf(COVERED);
    }

    @Test
    void anotherOrganizationsAdminGetsNothingOfAAndChangesNothing() {
        UUID orgA = fx.organization("Acme " + UUID.randomUUID());
        Caller adminA = fx.user(orgA, "Ada", Role.ADMIN);
        Caller agentA = fx.user(orgA, "Sam", Role.AGENT);
        UUID teamA = fx.team(orgA, "Support", agentA);
        ok(call(request("PUT", "/api/inbox/settings/organization").body(AWAY).as(adminA)));
        ok(call(request("PUT", "/api/inbox/settings/team/{teamId}").path("teamId", teamA).body(AWAY).as(adminA)));
        ok(call(request("PUT", "/api/inbox/settings").body("{\"preferences\": {\"language\": \"de\"}}").as(agentA)));
        String before = fx.one("SELECT string_agg(scope || scope_id || settings::text || locked_keys::text, '|'"
                + " ORDER BY scope, scope_id) FROM settings WHERE organization_id = ?", orgA);

        UUID orgB = fx.organization("Globex " + UUID.randomUUID());
        Caller adminB = fx.user(orgB, "Gus", Role.ADMIN);
        String teamPath = "/api/inbox/settings/team/{teamId}";
        assertThat(call(request("GET", teamPath).path("teamId", teamA).as(adminB)).status()).isEqualTo(404);
        assertThat(call(request("GET", teamPath).path("teamId", teamA).query("effective", "true").as(adminB)).status())
                .isEqualTo(404);
        assertThat(call(request("PUT", teamPath).path("teamId", teamA).body(AWAY).as(adminB)).status()).isEqualTo(404);
        assertThat(call(request("POST", "/api/inbox/settings/reset")
                .body("{\"scope\": \"team\", \"scopeId\": \"" + teamA + "\"}").as(adminB)).status()).isEqualTo(404);
        assertThat(call(request("GET", "/api/inbox/settings/export").query("scope", "team").query("scopeId", teamA.toString())
                .as(adminB)).status()).isEqualTo(404);
        assertThat(call(request("POST", "/api/inbox/settings/import").body("{\"schemaVersion\": 1, \"scope\": \"team\","
                + " \"scopeId\": \"" + teamA + "\", \"settings\": {}}").as(adminB)).status()).isEqualTo(404);

        // B's own levels are B's: A's values never show through, and B's writes land in B.
        JsonNode orgB1 = call(request("GET", "/api/inbox/settings/organization").as(adminB)).json();
        assertThat(orgB1.get("scopeId").asText()).isEqualTo(orgB.toString());
        assertThat(orgB1.get("settings").size()).isZero();
        JsonNode effective = call(request("GET", "/api/inbox/settings").query("effective", "true").as(adminB)).json();
        assertThat(effective.at("/awayMessage/source").asText()).isEqualTo("default");
        assertThat(call(request("GET", "/api/inbox/settings/export").query("scope", "organization").as(adminB)).json()
                .get("settings").size()).isZero();
        ok(call(request("PUT", "/api/inbox/settings/organization").body(AWAY).as(adminB)));
        ok(call(request("PUT", "/api/inbox/settings").body("{\"preferences\": {\"language\": \"es\"}}").as(adminB)));
        ok(call(request("POST", "/api/inbox/settings/reset").body("{\"scope\": \"organization\"}").as(adminB)));
        ok(call(request("POST", "/api/inbox/settings/import").body("{\"schemaVersion\": 1, \"scope\": \"organization\","
                + " \"scopeId\": \"" + orgA + "\", \"settings\": {}}").as(adminB)));

        assertThat(fx.one("SELECT string_agg(scope || scope_id || settings::text || locked_keys::text, '|'"
                + " ORDER BY scope, scope_id) FROM settings WHERE organization_id = ?", orgA)).isEqualTo(before);
        assertThat(fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'settings:updated'"
                + " AND payload->>'updatedBy' = ?", orgA, adminB.userId().toString())).isZero();
    }

    private static void ok(HttpAnswer answer) {
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    }
}
