package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, section 2: an email's subject is on its conversation (list, search and detail JSON;
 * null on the other channels) and conversation search finds it, by whole words and prefixes.
 */
class ConversationSubjectTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant t0 = Instant.parse("2026-11-02T09:00:00Z");

    private Caller sam;
    private UUID mail;
    private UUID chat;

    @BeforeEach
    void given() {
        UUID org = fx.organization("Subjects " + UUID.randomUUID());
        sam = fx.user(org, "Sam Agent", Role.AGENT);
        fx.channelConnection(org, "email");
        fx.channelConnection(org, "whatsapp");
        UUID dana = fx.contact(org, "Dana Whitfield", "email", "dana@customer.test");
        UUID ravi = fx.contact(org, "Ravi Patel", "whatsapp", "447700900777");
        mail = fx.conversation(org, dana, "email", ConversationSpec.open(t0));
        fx.exec("UPDATE conversations SET subject = 'Invoice 2231 charges the mug twice' WHERE id = ?", mail);
        fx.inboundMessage(org, mail, "Hello, see the subject.", t0);
        chat = fx.conversation(org, ravi, "whatsapp", ConversationSpec.open(t0.plusSeconds(60)));
        fx.inboundMessage(org, chat, "Where is my parcel?", t0.plusSeconds(60));
    }

    private List<String> search(String q) {
        HttpAnswer answer = call(request("GET", BASE + "/search").as(sam).query("q", q));
        assertThat(answer.status()).isEqualTo(200);
        return StreamSupport.stream(answer.json().path("items").spliterator(), false)
                .map(item -> item.path("id").asText()).toList();
    }

    @ParameterizedTest(name = "q={0}")
    @ValueSource(strings = {"invoice", "Invoice 2231", "inv", "2231", "mug twice", "CHARGES"})
    void searchFindsAnEmailConversationByItsSubject(String q) {
        assertThat(search(q)).containsExactly(mail.toString());
    }

    @Test
    void theSubjectIsOnTheConversationAndNullElsewhere() {
        JsonNode items = call(request("GET", BASE).as(sam)).json().path("items");
        assertThat(items).hasSize(2);
        for (JsonNode item : items) {
            assertThat(item.has("subject")).isTrue();
            assertThat(item.path("subject").isNull()).isEqualTo(item.path("id").asText().equals(chat.toString()));
        }
        JsonNode detail = call(request("GET", BASE + "/" + mail).as(sam)).json();
        assertThat(detail.path("conversation").path("subject").asText()).isEqualTo("Invoice 2231 charges the mug twice");
        assertThat(call(request("GET", BASE + "/" + chat).as(sam)).json().path("conversation").has("subject")).isTrue();
        assertThat(search("parcel")).containsExactly(chat.toString());
    }
}
