package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A conversation started with an initial message: that message is a send, checked by every rule of
 * the channel before anything is stored, and enqueued like one once accepted.
 */
class InitialMessageRulesTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant now = Instant.now();
    private UUID org;
    private Caller sam;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam", Role.AGENT);
        drainQueue();
    }

    /** A contact on a channel who last wrote {@code hoursAgo} hours ago in an earlier, resolved conversation (null: never). */
    private UUID contact(String channel, Integer hoursAgo) {
        UUID connection = fx.channelConnection(org, channel);
        UUID contact = fx.contact(org, "Customer", channel, channel + "-" + UUID.randomUUID());
        if (hoursAgo != null) {
            UUID earlier = fx.conversation(org, contact, channel, ConversationSpec.open(now.minus(30, ChronoUnit.DAYS))
                    .status("resolved"));
            fx.exec("UPDATE conversations SET channel_connection_id = ? WHERE id = ?", connection, earlier);
            fx.inboundMessage(org, earlier, "hello", now.minus(hoursAgo, ChronoUnit.HOURS));
        }
        return contact;
    }

    private HttpAnswer create(UUID contact, String channel, String text) {
        return call(request("POST", BASE).as(sam).body(Json.write(Map.of(
                "contactId", contact.toString(), "channel", channel, "initialMessage", text))));
    }

    private long conversations(UUID contact) {
        return fx.count("SELECT count(*) FROM conversations WHERE contact_id = ? AND status = 'active'", contact);
    }

    private long outbound(UUID contact) {
        return fx.count("SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id"
                + " WHERE c.contact_id = ? AND m.direction = 'outbound'", contact);
    }

    @ParameterizedTest(name = "{0}, customer wrote {1} h ago, {2} chars -> {3} {4}")
    @CsvSource({
            "whatsapp,    , 20, 422, whatsapp-24h-window",
            "whatsapp,  25, 20, 422, whatsapp-24h-window",
            "whatsapp,  23, 20, 201, ''",
            "instagram, 169, 20, 422, meta-7-day-window",
            "messenger,    , 20, 422, meta-7-day-window",
            "instagram, 160, 20, 201, ''",
            "sms,         , 1601, 422, text-too-long",
            "sms,         , 161, 201, ''",
            "telegram,    , 4097, 422, text-too-long",
            "telegram,    , 20, 201, ''",
            "email,       , 20, 201, ''"})
    void everyChannelRuleOfASendIsCheckedBeforeAnythingIsStored(String channel, Integer hoursAgo, int length,
                                                                  int status, String rule) {
        UUID contact = contact(channel, hoursAgo);
        HttpAnswer answer = create(contact, channel, "x".repeat(length));
        assertThat(answer.status()).as(answer.json().path("detail").asText()).isEqualTo(status);
        if (status == 422) {
            assertThat(answer.problemType()).endsWith("/channel-constraint");
            assertThat(answer.json().path("errors").get(0).path("rule").asText()).isEqualTo(rule);
            assertThat(conversations(contact)).as("no conversation row").isZero();
            assertThat(outbound(contact)).as("no message row").isZero();
            assertThat(drainQueue()).isEmpty();
        } else {
            assertThat(conversations(contact)).isEqualTo(1);
            assertThat(outbound(contact)).isEqualTo(1);
            assertThat(drainQueue()).hasSize(1);
        }
    }

    @Test
    void anAcceptedFirstMessageIsEnqueuedLikeASend() {
        UUID contact = contact("whatsapp", 2);
        HttpAnswer answer = create(contact, "whatsapp", "Hi, your refund went out today");
        assertThat(answer.status()).isEqualTo(201);
        String conversationId = answer.json().path("conversation").path("id").asText();
        JsonNode message = answer.json().path("lastMessages").get(0);
        String messageId = message.path("id").asText();
        assertThat(message.path("status").asText()).isEqualTo("queued");
        assertThat(answer.json().path("conversation").path("lastMessagePreview").asText())
                .isEqualTo("Hi, your refund went out today");
        assertThat(answer.json().path("conversation").path("lastInboundAt").isNull())
                .as("the customer's reply window carries over to the new conversation").isFalse();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND status = 'queued' AND enqueued_at IS NOT NULL",
                messageId)).as("handed to the queue, so the sweeper leaves it alone").isEqualTo(1);

        var queued = drainQueue();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(conversationId);
        assertThat(queued.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).isEqualTo(messageId);
        JsonNode body = read(queued.get(0).body());
        assertThat(body.path("messageId").asText()).isEqualTo(messageId);
        assertThat(body.path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(body.path("organizationId").asText()).isEqualTo(org.toString());
    }

    @Test
    void smsCarriesItsSegmentsAsASendDoes() {
        UUID contact = contact("sms", null);
        JsonNode message = create(contact, "sms", "Thanks! 👍").json().path("lastMessages").get(0);
        assertThat(message.path("metadata").path("sms").path("encoding").asText()).isEqualTo("UCS-2");
        assertThat(message.path("metadata").path("sms").path("segments").asInt()).isEqualTo(1);
    }

    @Test
    void withoutAFirstMessageNothingIsEnqueued() {
        UUID contact = contact("whatsapp", null);
        HttpAnswer answer = call(request("POST", BASE).as(sam)
                .body("{\"contactId\":\"" + contact + "\",\"channel\":\"whatsapp\"}"));
        assertThat(answer.status()).as("start now, send an approved template next").isEqualTo(201);
        assertThat(answer.json().path("lastMessages")).isEmpty();
        assertThat(drainQueue()).isEmpty();
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
