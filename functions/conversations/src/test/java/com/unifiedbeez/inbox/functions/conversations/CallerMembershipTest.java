package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every conversations route asks the database who is calling: a valid token is not enough. */
class CallerMembershipTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
    }

    private static void assertNotAMember(HttpAnswer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).endsWith("unauthorized");
    }

    @Test
    void aDeactivatedAgentIsRefused() {
        Caller sam = fx.user(org, "Sam", Role.AGENT);
        fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", sam.userId());
        assertNotAMember(call(request("GET", BASE).as(sam)));
        assertNotAMember(call(request("POST", BASE + "/bulk-assign").as(sam).body("{\"conversationIds\":[],\"assigneeId\":null}")));
    }

    @Test
    void aUserOfAnotherOrganizationWithAForgedOrgIdIsRefused() {
        UUID globex = fx.organization("Globex");
        Caller grace = fx.user(globex, "Grace", Role.ADMIN);
        assertNotAMember(call(request("GET", BASE).as(new Caller(grace.userId(), org, Role.ADMIN))));
        assertNotAMember(call(request("GET", BASE + "/{id}").path("id", Ids.newId())
                .as(new Caller(grace.userId(), org, Role.ADMIN))));
        assertThat(call(request("GET", BASE).as(grace)).status()).as("in her own organization").isEqualTo(200);
    }

    @Test
    void anUnknownUserOrOrganizationIsRefusedNever500() {
        assertNotAMember(call(request("GET", BASE).as(new Caller(Ids.newId(), org, Role.ADMIN))));
        assertNotAMember(call(request("GET", BASE + "/search").query("q", "refund")
                .as(new Caller(Ids.newId(), Ids.newId(), Role.AGENT))));
    }
}
