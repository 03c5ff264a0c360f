package com.unifiedbeez.inbox.functions.channels;

import static com.unifiedbeez.inbox.functions.channels.ChannelsHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The channels routes take the caller's role from the database: an admin token of an agent connects nothing. */
class CallerMembershipTest {
    private static final String BASE = "/api/inbox/channels";
    private static final String SMS = "{\"accountSid\":\"AC" + "0".repeat(32) + "\",\"authToken\":\"" + "a".repeat(32)
            + "\",\"phoneNumber\":\"+15005550006\"}";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
    }

    @Test
    void aDemotedAdminActsAsTheAgentTheyNowAre() {
        Caller ada = fx.user(org, "Ada", Role.AGENT); // demoted: the database says agent
        Caller withAdminToken = new Caller(ada.userId(), org, Role.ADMIN);

        var refused = call(request("POST", BASE + "/sms").as(withAdminToken).body(SMS));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).endsWith("forbidden");
        UUID line = fx.channelConnection(org, "whatsapp");
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", line).as(withAdminToken)).status()).isEqualTo(403);
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE organization_id = ? AND status = 'active'", org))
                .isEqualTo(1);
        assertThat(call(request("GET", BASE).as(withAdminToken)).status()).as("still a member").isEqualTo(200);
    }

    @Test
    void aDeactivatedAgentAndAForgedOrganizationAreRefused() {
        Caller sam = fx.user(org, "Sam", Role.AGENT);
        UUID line = fx.channelConnection(org, "whatsapp");
        fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", sam.userId());
        assertThat(call(request("GET", BASE + "/{id}/health").path("id", line).as(sam)).status()).isEqualTo(401);

        Caller grace = fx.user(fx.organization("Globex"), "Grace", Role.ADMIN);
        var forged = call(request("GET", BASE).as(new Caller(grace.userId(), org, Role.ADMIN)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).isEqualTo("application/problem+json");
        assertThat(call(request("GET", BASE).as(new Caller(Ids.newId(), Ids.newId(), Role.ADMIN))).status())
                .isEqualTo(401);
    }
}
