package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.message.OutboundSweeper;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Sends: validated against the channel before anything is stored, stored queued, enqueued once, never lost. */
class SendMessageTest {
    private static final String SEND = "/api/inbox/messages/send";
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

    @AfterEach
    void sqsBackUp() {
        LocalAws.startSqs();
    }

    /** A conversation on a channel whose customer last wrote {@code hoursAgo} hours ago (null: never). */
    private UUID conversation(String channel, Integer hoursAgo) {
        fx.channelConnection(org, channel);
        UUID contact = fx.contact(org, "Customer " + channel, channel, channel + "-" + UUID.randomUUID());
        UUID id = fx.conversation(org, contact, channel, ConversationSpec.open(now.minus(2, ChronoUnit.DAYS)).status("resolved"));
        if (hoursAgo != null) {
            fx.inboundMessage(org, id, "hello", now.minus(hoursAgo, ChronoUnit.HOURS));
        }
        return id;
    }

    private HttpEvents send(UUID conversation, String content) {
        return request("POST", SEND).as(sam)
                .body("{\"conversationId\":\"" + conversation + "\",\"content\":" + Json.write(content) + "}");
    }

    private long stored(UUID conversation) {
        return fx.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'outbound'", conversation);
    }

    @Test
    void acceptedSendIsStoredQueuedAndEnqueuedInItsConversationsGroup() {
        UUID id = conversation("whatsapp", 1);
        HttpAnswer answer = call(send(id, "Your order shipped today"));
        assertThat(answer.status()).isEqualTo(202);
        JsonNode message = answer.json();
        assertThat(message.path("status").asText()).isEqualTo("queued");
        assertThat(message.path("direction").asText()).isEqualTo("outbound");
        assertThat(message.path("content").asText()).isEqualTo("Your order shipped today");
        String messageId = message.path("id").asText();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND status = 'queued' AND enqueued_at IS NOT NULL",
                messageId)).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND status = 'active'"
                + " AND last_message_preview = 'Your order shipped today'", id)).isEqualTo(1);

        var queued = drainQueue();
        assertThat(queued).hasSize(1);
        assertThat(queued.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo(id.toString());
        assertThat(queued.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID)).isEqualTo(messageId);
        JsonNode body = readTree(queued.get(0).body());
        assertThat(body.path("messageId").asText()).isEqualTo(messageId);
        assertThat(body.path("conversationId").asText()).isEqualTo(id.toString());
        assertThat(body.path("organizationId").asText()).isEqualTo(org.toString());
    }

    @Test
    void aReplyReopensAResolvedConversationUnlessAnotherIsOpen() {
        UUID resolved = conversation("email", null);
        HttpAnswer reopened = call(send(resolved, "One more thing"));
        assertThat(reopened.status()).isEqualTo(202);
        assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND status = 'active'", resolved)).isEqualTo(1);

        UUID contact = UUID.fromString(fx.one("SELECT contact_id::text FROM conversations WHERE id = ?", resolved));
        UUID older = fx.conversation(org, contact, "email", ConversationSpec.open(now.minus(9, ChronoUnit.DAYS)).status("closed"));
        HttpAnswer superseded = call(send(older, "Replying to the old thread"));
        assertThat(superseded.status()).isEqualTo(409);
        assertThat(superseded.problemType()).endsWith("/conversation-superseded");
        assertThat(superseded.json().path("detail").asText()).contains(resolved.toString());
        assertThat(stored(older)).isZero();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstMessageAndSendsNothingTwice() {
        UUID id = conversation("telegram", null);
        HttpEvents first = send(id, "Hi there").header("Idempotency-Key", "client-retry-1");
        HttpAnswer a = call(first);
        HttpAnswer b = call(send(id, "Hi there").header("Idempotency-Key", "client-retry-1"));
        assertThat(a.status()).isEqualTo(202);
        assertThat(b.status()).isEqualTo(202);
        assertThat(b.json().path("id").asText()).isEqualTo(a.json().path("id").asText());
        assertThat(stored(id)).isEqualTo(1);
        assertThat(drainQueue()).hasSize(1);
        assertThat(call(send(id, "Hi there").header("Idempotency-Key", "client-retry-2")).json().path("id").asText())
                .isNotEqualTo(a.json().path("id").asText());
        assertThat(call(send(id, "x").header("Idempotency-Key", " ")).status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}, customer wrote {1} h ago -> {2} {3}")
    @CsvSource({
            "whatsapp, 23, 202, ''",
            "whatsapp, 25, 422, whatsapp-24h-window",
            "whatsapp, , 422, whatsapp-24h-window",
            "instagram, 160, 202, ''",
            "instagram, 169, 422, meta-7-day-window",
            "messenger, 200, 422, meta-7-day-window",
            "telegram, , 202, ''",
            "email, 5000, 202, ''",
            "sms, 5000, 202, ''"})
    void replyWindowsAreCheckedBeforeAnythingIsStored(String channel, Integer hoursAgo, int status, String rule) {
        UUID id = conversation(channel, hoursAgo);
        HttpAnswer answer = call(send(id, "Following up on your request"));
        assertThat(answer.status()).isEqualTo(status);
        if (status == 422) {
            assertThat(answer.problemType()).endsWith("/channel-constraint");
            assertThat(answer.json().path("errors").get(0).path("rule").asText()).isEqualTo(rule);
            assertThat(answer.json().path("detail").asText()).contains(rule);
            assertThat(stored(id)).isZero();
            assertThat(drainQueue()).isEmpty();
        } else {
            assertThat(stored(id)).isEqualTo(1);
        }
    }

    @Test
    void smsReportsItsSegmentsAndEmojiForcesUcs2() {
        UUID id = conversation("sms", 1);
        JsonNode gsm = call(send(id, "a".repeat(161))).json();
        assertThat(gsm.path("metadata").path("sms").path("encoding").asText()).isEqualTo("GSM-7");
        assertThat(gsm.path("metadata").path("sms").path("segments").asInt()).isEqualTo(2);
        JsonNode ucs = call(send(id, "Thanks! 👍")).json();
        assertThat(ucs.path("metadata").path("sms").path("encoding").asText()).isEqualTo("UCS-2");
        assertThat(ucs.path("metadata").path("sms").path("segments").asInt()).isEqualTo(1);
        HttpAnswer tooLong = call(send(id, "b".repeat(1601)));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("errors").get(0).path("rule").asText()).isEqualTo("text-too-long");
    }

    @Test
    void malformedSendsAreRefusedAndStoreNothing() {
        UUID id = conversation("whatsapp", 1);
        UUID foreign = Fixtures.onTestDatabase().organization("Globex");
        List<String[]> cases = List.of(
                new String[] {"{\"conversationId\":\"" + id + "\",\"content\":\"x\"", "400"},
                new String[] {"{\"conversationId\":\"" + id + "\",\"content\":5}", "422"},
                new String[] {"{\"conversationId\":\"" + id + "\"}", "422"},
                new String[] {"{\"conversationId\":\"" + id + "\",\"content\":\"x\",\"type\":\"carousel\"}", "422"},
                new String[] {"{\"conversationId\":\"" + id + "\",\"type\":\"image\"}", "422"},
                new String[] {"{\"conversationId\":\"" + id + "\",\"attachments\":[\"" + UUID.randomUUID() + "\"]}", "422"},
                new String[] {"{\"conversationId\":\"nope\",\"content\":\"x\"}", "422"},
                new String[] {"{\"conversationId\":\"" + UUID.randomUUID() + "\",\"content\":\"x\"}", "404"},
                new String[] {"{\"conversationId\":\"" + foreign + "\",\"content\":\"x\"}", "404"});
        for (String[] c : cases) {
            HttpAnswer answer = call(request("POST", SEND).as(sam).body(c[0]));
            assertThat(answer.status()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(stored(id)).isZero();
        assertThat(drainQueue()).isEmpty();
    }

    @Test
    void aSendAcceptedWhileSqsIsDownIsNotLostTheSweeperQueuesIt() {
        UUID id = conversation("telegram", null);
        LocalAws.stopSqs();
        HttpAnswer answer = call(send(id, "Sent during an SQS outage"));
        assertThat(answer.status()).isEqualTo(202);
        String messageId = answer.json().path("id").asText();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND status = 'queued' AND enqueued_at IS NULL",
                messageId)).isEqualTo(1);

        OutboundSweeper sweeper = DaggerSendMessageTest_SweeperTestComponent.factory().create(MessagesHarness.CONFIG).sweeper();
        OutboundSweeper.Sweep whileDown = sweeper.sweep(Duration.ZERO);
        assertThat(whileDown.requeued()).isZero();
        assertThat(whileDown.found()).isPositive();

        LocalAws.startSqs();
        assertThat(sweeper.sweep(Duration.ofHours(1)).found()).as("still inside the grace period").isZero();
        OutboundSweeper.Sweep recovered = sweeper.sweep(Duration.ZERO);
        assertThat(recovered.requeued()).isEqualTo(recovered.found()).isPositive();
        assertThat(drainQueue()).extracting(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .contains(messageId);
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND enqueued_at IS NOT NULL", messageId)).isEqualTo(1);
        assertThat(sweeper.sweep(Duration.ZERO).found()).as("nothing is re-queued twice").isZero();
    }

    @Test
    void aSendWhoseQueueRecordWasLostIsQueuedAgainUnlessASenderHoldsIt() {
        UUID id = conversation("telegram", null);
        String lost = call(send(id, "Its record went to the DLQ untried")).json().path("id").asText();
        String held = call(send(id, "A sender is on it right now")).json().path("id").asText();
        drainQueue();
        fx.exec("UPDATE messages SET enqueued_at = now() - interval '2 hours' WHERE id IN (?::uuid, ?::uuid)", lost, held);
        fx.exec("UPDATE messages SET send_lease_until = now() + interval '1 minute' WHERE id = ?::uuid", held);

        OutboundSweeper sweeper = DaggerSendMessageTest_SweeperTestComponent.factory().create(MessagesHarness.CONFIG).sweeper();
        OutboundSweeper.Sweep sweep = sweeper.sweep(Duration.ZERO);

        assertThat(sweep.requeued()).isEqualTo(sweep.found()).isEqualTo(1);
        // The queue itself drops this re-queue here: its deduplication window (5 min) still holds the
        // first enqueue, which in production is at least LOST_AFTER (1 h) old. The rows show the choice.
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND enqueued_at > now() - interval '1 minute'",
                lost)).isEqualTo(1);
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND enqueued_at < now() - interval '1 hour'",
                held)).isEqualTo(1);
        assertThat(sweeper.sweep(Duration.ZERO).found()).as("re-queued once, with a fresh enqueue time").isZero();
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The sweeper's own wiring, on the same database and queue as the handler. */
    @dagger.Component(modules = {com.unifiedbeez.inbox.platform.db.DatabaseModule.class,
            com.unifiedbeez.inbox.platform.aws.SqsModule.class, OutboundQueueModule.class,
            com.unifiedbeez.inbox.event.RealtimeNudgeModule.class})
    @javax.inject.Singleton
    interface SweeperTestComponent {
        OutboundSweeper sweeper();

        @dagger.Component.Factory
        interface Factory {
            SweeperTestComponent create(@dagger.BindsInstance com.unifiedbeez.inbox.platform.config.Config config);
        }
    }
}
