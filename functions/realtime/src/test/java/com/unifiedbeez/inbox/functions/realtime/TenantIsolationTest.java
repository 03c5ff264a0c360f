package com.unifiedbeez.inbox.functions.realtime;

import static com.unifiedbeez.inbox.functions.realtime.RealtimeHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Organization B, even as an admin, can neither see nor touch anything of organization A through any realtime route. */
class TenantIsolationTest {
    static final Set<String> COVERED = Set.of(
            "GET /api/inbox/events",
            "PUT /api/users/{id}/status",
            "GET /api/inbox/team/{teamId}/presence",
            "GET /api/inbox/conversations/{id}/viewers",
            "POST /api/inbox/typing");

    private final Fixtures fx = Fixtures.onTestDatabase();

    @Test
    void everyRouteIsCovered() {
        assertThat(RealtimeHandler.ROUTES.keys()).containsExactlyInAnyOrderElementsOf(COVERED);
    }

    @Test
    void anotherOrganizationsAdminGetsNothingAndChangesNothing() {
        UUID orgA = fx.organization("Acme " + UUID.randomUUID());
        Caller agentA = fx.user(orgA, "Sam", Role.AGENT);
        UUID teamA = fx.team(orgA, "Support", agentA);
        UUID conversationA = fx.conversation(orgA, fx.contact(orgA, "Lee", "sms", "+447700900321"), "sms",
                ConversationSpec.open(Instant.parse("2026-11-01T09:00:00Z")));
        Caller adminB = fx.user(fx.organization("Globex " + UUID.randomUUID()), "Gus", Role.ADMIN);
        fx.exec("UPDATE users SET status = 'busy' WHERE id = ?", agentA.userId());

        HttpAnswer status = call(request("PUT", "/api/users/{id}/status").path("id", agentA.userId())
                .body("{\"status\":\"offline\"}").as(adminB));
        HttpAnswer presence = call(request("GET", "/api/inbox/team/{teamId}/presence").path("teamId", teamA).as(adminB));
        HttpAnswer viewers = call(request("GET", "/api/inbox/conversations/{id}/viewers").path("id", conversationA)
                .as(adminB));
        HttpAnswer typing = call(request("POST", "/api/inbox/typing")
                .body("{\"conversationId\":\"" + conversationA + "\",\"isTyping\":true}").as(adminB));
        HttpAnswer events = call(request("GET", "/api/inbox/events").query("since", "0").as(adminB));

        assertThat(status.status()).isEqualTo(404);
        assertThat(presence.status()).isEqualTo(404);
        assertThat(viewers.status()).isEqualTo(404);
        assertThat(typing.status()).isEqualTo(404);
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.json().path("items")).isEmpty();
        assertThat(fx.one("SELECT status FROM users WHERE id = ?", agentA.userId())).isEqualTo("busy");
    }
}
