package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The messages routes take the caller and their role from the database, not from the token. */
class CallerMembershipTest {
    private static final String BASE = "/api/inbox/messages";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;
    private UUID conversation;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        fx.channelConnection(org, "whatsapp");
        UUID alice = fx.contact(org, "Alice", "whatsapp", "4477009" + UUID.randomUUID().toString().substring(0, 5));
        conversation = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(Instant.now()));
    }

    @Test
    void aDemotedAdminCannotDeleteACustomersMessage() {
        Caller ada = fx.user(org, "Ada", Role.AGENT); // demoted: the database says agent
        String inbound = fx.inboundMessage(org, conversation, "my card number is 4111", Instant.now()).toString();

        var answer = call(request("DELETE", BASE + "/{id}").path("id", inbound).as(new Caller(ada.userId(), org, Role.ADMIN)));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND deleted_at IS NULL", inbound)).isEqualTo(1);
    }

    @Test
    void aDeactivatedAgentOrAForgedOrganizationReadsNothing() {
        Caller sam = fx.user(org, "Sam", Role.AGENT);
        fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", sam.userId());
        assertThat(call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation).as(sam)).status())
                .isEqualTo(401);

        Caller grace = fx.user(fx.organization("Globex"), "Grace", Role.ADMIN);
        var forged = call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation)
                .as(new Caller(grace.userId(), org, Role.ADMIN)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).isEqualTo("application/problem+json");
    }
}
