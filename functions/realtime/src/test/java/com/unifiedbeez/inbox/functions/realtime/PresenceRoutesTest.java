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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Presence, viewers and typing over HTTP: who may do what, and bad input changing nothing. */
class PresenceRoutesTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final UUID org = fx.organization("Presence " + UUID.randomUUID());
    private final Caller admin = fx.user(org, "Ada", Role.ADMIN);
    private final Caller sam = fx.user(org, "Sam", Role.AGENT);
    private final Caller kim = fx.user(org, "Kim", Role.AGENT);
    private final UUID team = fx.team(org, "Support", sam, kim);
    private final UUID conversation = fx.conversation(org, fx.contact(org, "Lee", "whatsapp", "+447700900" + (int) (Math.random() * 1000)),
            "whatsapp", ConversationSpec.open(Instant.parse("2026-11-01T09:00:00Z")));

    private HttpAnswer setStatus(Caller who, Object userId, String body) {
        return call(request("PUT", "/api/users/{id}/status").path("id", userId).body(body).as(who));
    }

    @Test
    void anAgentSetsTheirOwnStatusWhichSticksAndTheTeamSeesIt() {
        HttpAnswer busy = setStatus(sam, sam.userId(), "{\"status\":\"busy\"}");
        assertThat(busy.status()).isEqualTo(200);
        assertThat(busy.json().path("status").asText()).isEqualTo("busy");

        HttpAnswer presence = call(request("GET", "/api/inbox/team/{teamId}/presence").path("teamId", team).as(kim));
        assertThat(presence.status()).isEqualTo(200);
        assertThat(presence.json().path("members")).extracting(m -> m.path("name").asText() + "=" + m.path("status").asText())
                .containsExactly("Kim=offline", "Sam=busy");
        assertThat(fx.one("SELECT status FROM users WHERE id = ?", sam.userId())).isEqualTo("busy");

        // online returns to the automatic presence: with no connection, that is offline
        HttpAnswer back = setStatus(sam, sam.userId(), "{\"status\":\"online\"}");
        assertThat(back.json().path("status").asText()).isEqualTo("offline");
    }

    @Test
    void anAdminSetsAnyonesAnAgentOnlyTheirOwn() {
        assertThat(setStatus(admin, sam.userId(), "{\"status\":\"away\"}").status()).isEqualTo(200);
        HttpAnswer refused = setStatus(kim, sam.userId(), "{\"status\":\"offline\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(fx.one("SELECT status FROM users WHERE id = ?", sam.userId())).isEqualTo("away");
    }

    @Test
    void badStatusesAndUnknownUsersChangeNothing() {
        assertThat(List.of(
                setStatus(sam, sam.userId(), "{\"status\":\"sleeping\"}"),
                setStatus(sam, sam.userId(), "{}"),
                setStatus(sam, sam.userId(), "{\"status\":1}"),
                setStatus(sam, sam.userId(), "[]"),
                setStatus(sam, sam.userId(), "{\"status\":\"busy\",\"extra\":true}")))
                .extracting(HttpAnswer::status).allMatch(s -> s == 400 || s == 422);
        assertThat(setStatus(admin, UUID.randomUUID(), "{\"status\":\"busy\"}").status()).isEqualTo(404);
        assertThat(setStatus(admin, "not-an-id", "{\"status\":\"busy\"}").status()).isEqualTo(404);
        assertThat(fx.one("SELECT status FROM users WHERE id = ?", sam.userId())).isEqualTo("offline");
    }

    @Test
    void typingOverHttpIsAcceptedForAConversationOfTheOrganizationAndValidated() {
        HttpAnswer typing = call(request("POST", "/api/inbox/typing")
                .body("{\"conversationId\":\"" + conversation + "\",\"isTyping\":true}").as(sam));
        assertThat(typing.status()).isEqualTo(204);

        HttpAnswer viewers = call(request("GET", "/api/inbox/conversations/{id}/viewers").path("id", conversation).as(kim));
        assertThat(viewers.status()).isEqualTo(200);
        // typing alone does not make a viewer: viewing is the WebSocket's conversation:viewing
        assertThat(viewers.json().path("viewers")).isEmpty();

        assertThat(call(request("POST", "/api/inbox/typing").body("{\"conversationId\":\"" + conversation + "\"}").as(sam))
                .status()).isEqualTo(422);
        assertThat(call(request("POST", "/api/inbox/typing").body("{\"isTyping\":true}").as(sam)).status()).isEqualTo(422);
        assertThat(call(request("POST", "/api/inbox/typing")
                .body("{\"conversationId\":\"" + UUID.randomUUID() + "\",\"isTyping\":true}").as(sam)).status()).isEqualTo(404);
    }

    @Test
    void aTeamOrConversationThatDoesNotExistIs404() {
        assertThat(call(request("GET", "/api/inbox/team/{teamId}/presence").path("teamId", UUID.randomUUID()).as(sam))
                .status()).isEqualTo(404);
        assertThat(call(request("GET", "/api/inbox/conversations/{id}/viewers").path("id", UUID.randomUUID()).as(sam))
                .status()).isEqualTo(404);
    }
}
