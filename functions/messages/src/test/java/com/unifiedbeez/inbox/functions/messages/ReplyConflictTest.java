package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.conversation.ConversationRow;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.event.RealtimeNudgeModule;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.message.MessageSubmitter;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.message.OutboundQueueModule;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.aws.SqsModule;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.DatabaseModule;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import dagger.BindsInstance;
import dagger.Component;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;
import javax.inject.Singleton;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11's reply conflict check: a send saying what its sender had seen ({@code ifLastEventSeq},
 * {@code ifMatch}) is refused with 409 {@code conversation-changed} when a customer's message or
 * another agent's reply came since, and nothing is stored. Customer messages and deliveries are
 * written and announced as the inbound pipeline and the outbound sender write them (the stores,
 * the outbox, the stream's sequencer); the sends go through the real handler.
 */
class ReplyConflictTest {
    private static final String SEND = "/api/inbox/messages/send";
    private static final Wiring WIRING = DaggerReplyConflictTest_Wiring.factory().create(MessagesHarness.CONFIG);
    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;
    private Caller sam;
    private Caller ada;
    private UUID conversation;
    private UUID hello;

    /** The stores and the stream as the inbound pipeline and the outbound sender have them. */
    @Singleton
    @Component(modules = {DatabaseModule.class, SqsModule.class, OutboundQueueModule.class, RealtimeNudgeModule.class})
    interface Wiring {
        Database database();

        DomainEvents events();

        EventStream stream();

        MessageStore messages();

        ConversationStore conversations();

        DeliveryTracker tracker();

        MessageSubmitter submitter();

        @Component.Factory
        interface Factory {
            Wiring create(@BindsInstance Config config);
        }
    }

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam", Role.AGENT);
        ada = fx.user(org, "Ada", Role.AGENT);
        conversation = conversation("telegram");
        hello = customerWrites(conversation, "Hello, where is my parcel?");
        drainQueue();
    }

    private UUID conversation(String channel) {
        fx.channelConnection(org, channel);
        UUID contact = fx.contact(org, "Alice " + channel, channel, channel + "-" + UUID.randomUUID());
        return fx.conversation(org, contact, channel, ConversationSpec.open(Instant.now().minus(1, ChronoUnit.HOURS)));
    }

    /** A customer's message stored and announced as InboundMessages does; its event is not numbered yet. */
    private UUID customerWrites(UUID conversationId, String text) {
        return customerWrites(conversationId, text, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private UUID customerWrites(UUID conversationId, String text, Instant sentAt) {
        return WIRING.database().transaction(c -> {
            ConversationRow row = WIRING.conversations().require(c, org, conversationId, false);
            UUID id = Ids.newId();
            MessageView stored = WIRING.messages().insertInbound(c, id, org, conversationId, row.channelConnectionId(),
                    MessageType.TEXT, text, Json.mapper().createObjectNode(), "ext-" + id, sentAt).orElseThrow();
            WIRING.conversations().recordInbound(c, conversationId, sentAt, text);
            WIRING.events().emit(c, org, conversationId, DomainEvents.MESSAGE_RECEIVED,
                    Map.of("message", stored, "conversationId", conversationId));
            return id;
        });
    }

    /** The platform took a reply: marked sent and announced as the outbound sender does. */
    private void platformTook(String messageId) {
        UUID id = UUID.fromString(messageId);
        WIRING.database().transaction(c -> {
            WIRING.tracker().advance(c, id, MessageStatus.SENT, Instant.now(), null, null);
            MessageView message = WIRING.messages().find(c, org, id).orElseThrow();
            WIRING.events().emit(c, org, message.conversationId(), DomainEvents.MESSAGE_SENT,
                    Map.of("message", message, "conversationId", message.conversationId()));
            return null;
        });
    }

    /** What the client holds after following the stream: everything committed so far, numbered. */
    private long seq() {
        return WIRING.stream().sequence(org).lastSeq();
    }

    private HttpEvents send(Caller who, String content, String preconditions) {
        return send(who, conversation, content, preconditions);
    }

    private static HttpEvents send(Caller who, UUID conversationId, String content, String preconditions) {
        return request("POST", SEND).as(who).body("{\"conversationId\":\"" + conversationId + "\",\"content\":"
                + Json.write(content) + preconditions + "}");
    }

    private static String ifSeq(long seq) {
        return ",\"ifLastEventSeq\":" + seq;
    }

    private static String ifMatch(Object messageId) {
        return ",\"ifMatch\":\"" + messageId + "\"";
    }

    private static String id(HttpAnswer answer) {
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(202);
        return answer.json().path("id").asText();
    }

    private long repliesBy(Caller who) {
        return fx.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND sender_user_id = ?",
                conversation, who.userId());
    }

    /** A 409 conversation-changed listing exactly {@code ids} (chronological); its body. */
    private static JsonNode changed(HttpAnswer answer, Object... ids) {
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).endsWith("/conversation-changed");
        assertThat(StreamSupport.stream(answer.json().path("messages").spliterator(), false)
                .map(m -> m.path("id").asText()).toList())
                .containsExactly(List.of(ids).stream().map(String::valueOf).toArray(String[]::new));
        return answer.json();
    }

    @Test
    void aCustomerMessageAfterTheSeqIsA409ListingItAndNothingIsStored() {
        long seen = seq();
        UUID late = customerWrites(conversation, "Hello? Anyone there? It was due on Monday");
        String previewBefore = fx.one("SELECT last_message_preview FROM conversations WHERE id = ?", conversation);
        long eventsBefore = fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ?", org);

        JsonNode problem = changed(call(send(sam, "It ships today", ifSeq(seen))), late);

        JsonNode listed = problem.path("messages").get(0);
        assertThat(listed.path("direction").asText()).isEqualTo("inbound");
        assertThat(listed.path("type").asText()).isEqualTo("text");
        assertThat(listed.path("senderUserId").isNull()).isTrue();
        assertThat(listed.path("preview").asText()).isEqualTo("Hello? Anyone there? It was due on Monday");
        assertThat(Instant.parse(listed.path("createdAt").asText())).isBefore(Instant.now());
        assertThat(problem.path("hasMore").asBoolean()).isFalse();
        assertThat(problem.path("epoch").asText()).isEqualTo(WIRING.stream().position(org).orElseThrow().epoch().toString());
        assertThat(problem.path("detail").asText()).contains("since event seq " + seen, "from the customer",
                "ifMatch " + late);
        // Its announcement was not numbered when the send came; the 409 numbers it, so lastSeq covers it.
        long announced = Long.parseLong(fx.one("SELECT seq::text FROM domain_events WHERE name = 'message:received'"
                + " AND payload::jsonb -> 'message' ->> 'id' = ?", late.toString()));
        assertThat(problem.path("lastSeq").asLong()).isGreaterThanOrEqualTo(announced).isGreaterThan(seen);

        assertThat(repliesBy(sam)).isZero();
        assertThat(drainQueue()).isEmpty();
        assertThat(fx.one("SELECT last_message_preview FROM conversations WHERE id = ?", conversation)).isEqualTo(previewBefore);
        assertThat(fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ?", org)).isEqualTo(eventsBefore);

        assertThat(call(send(sam, "It ships today", ifSeq(problem.path("lastSeq").asLong()))).status())
                .as("sent again from the position the 409 gave").isEqualTo(202);
        assertThat(drainQueue()).hasSize(1);
    }

    @Test
    void aCustomerMessageNumberedBeforeTheSendConflictsToo() {
        long seen = seq();
        UUID late = customerWrites(conversation, "Still waiting");
        seq(); // numbered, but after what the sender had seen
        changed(call(send(sam, "Sorry!", ifSeq(seen))), late);
    }

    @Test
    void withoutPreconditionsASendIsAcceptedAsBefore() {
        seq();
        customerWrites(conversation, "Hello?");
        assertThat(call(send(sam, "Here", "")).status()).isEqualTo(202);
        assertThat(call(send(sam, "Here too", ",\"ifLastEventSeq\":null,\"ifMatch\":null")).status()).isEqualTo(202);
    }

    @Test
    void theSendersOwnEarlierMessagesAndTheInboxsAutomaticOnesDoNotConflict() {
        long seen = seq();
        String first = id(call(send(sam, "Checking with the warehouse", ifSeq(seen))));
        // The same agent in another tab, still from the old view: queued, then sent and announced.
        id(call(send(sam, "One moment please", ifSeq(seen))));
        platformTook(first);
        seq();
        WIRING.database().transaction(c -> {
            ConversationRow row = WIRING.conversations().require(c, org, conversation, true);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            MessageSubmitter.CheckedAutomatic away = WIRING.submitter().checkAutomatic(row, "We are closed", "away", now);
            return WIRING.submitter().storeAutomatic(c, row, away, now);
        });
        id(call(send(sam, "Found it", ifSeq(seen))));
        id(call(send(sam, "Found it, really", ifMatch(hello))));
        assertThat(repliesBy(sam)).isEqualTo(4);
    }

    @Test
    void anotherAgentsReplyIsA409WhileQueuedAndOnceSentUntilTheSenderCatchesUp() {
        long seen = seq();
        String adas = id(call(send(ada, "I'll take this one", ifSeq(seen))));

        JsonNode whileQueued = changed(call(send(sam, "Let me check", ifSeq(seen))), adas);
        JsonNode listed = whileQueued.path("messages").get(0);
        assertThat(listed.path("direction").asText()).isEqualTo("outbound");
        assertThat(listed.path("senderUserId").asText()).isEqualTo(ada.userId().toString());
        assertThat(listed.path("senderName").asText()).isEqualTo("Ada");
        assertThat(listed.path("preview").asText()).isEqualTo("I'll take this one");
        assertThat(whileQueued.path("detail").asText()).contains("from Ada");
        // Queued, it has no seq yet: a newer seq still conflicts; naming it in ifMatch does not.
        changed(call(send(sam, "Let me check", ifSeq(whileQueued.path("lastSeq").asLong()))), adas);
        assertThat(repliesBy(sam)).isZero();

        platformTook(adas);
        changed(call(send(sam, "Let me check", ifSeq(whileQueued.path("lastSeq").asLong()))), adas);
        assertThat(call(send(sam, "Let me check", ifSeq(seq()))).status()).as("caught up").isEqualTo(202);
        assertThat(call(send(sam, "And one more thing", ifMatch(adas))).status()).isEqualTo(202);
        assertThat(repliesBy(sam)).isEqualTo(2);
    }

    @Test
    void anotherAgentsFailedOrDeletedReplyReachedNobodyAndDoesNotConflict() {
        long seen = seq();
        String failed = id(call(send(ada, "This one fails", ifSeq(seen))));
        String deleted = id(call(send(ada, "This one is taken back", ifSeq(seen))));
        WIRING.database().transaction(c -> WIRING.tracker().advance(c, UUID.fromString(failed), MessageStatus.FAILED,
                Instant.now(), "131047", "re-engagement message"));
        assertThat(call(request("DELETE", "/api/inbox/messages/{id}").path("id", deleted).as(ada)).status()).isEqualTo(204);
        assertThat(call(send(sam, "Let me check", ifSeq(seen))).status()).isEqualTo(202);
        assertThat(call(send(sam, "Still checking", ifMatch(hello))).status()).isEqualTo(202);
    }

    @Test
    void ifMatchTheNewestMessageSeenPassesAndAnythingStoredAfterItConflicts() {
        assertThat(call(send(sam, "Looking into it", ifMatch(hello))).status()).isEqualTo(202);
        UUID late = customerWrites(conversation, "Thanks! Also, can I change the address?");
        changed(call(send(sam, "Sure", ifMatch(hello))), late);
        String adas = id(call(send(ada, "Address changed", ifMatch(late))));
        changed(call(send(sam, "Sure", ifMatch(late))), adas);
        changed(call(send(sam, "Sure", ifMatch(hello))), late, adas);
        assertThat(call(send(sam, "Sure", ifMatch(adas))).status()).isEqualTo(202);
    }

    @Test
    void aCustomerMessageStoredLateWithAnOlderPlatformTimeStillConflictsWithIfMatch() {
        // The platform delivered it late: it sorts before hello in history but was stored after it.
        UUID delayed = customerWrites(conversation, "Sent from the train", Instant.now().minus(2, ChronoUnit.HOURS));
        changed(call(send(sam, "Hi", ifMatch(hello))), delayed);
    }

    @ParameterizedTest(name = "seq {0}, ifMatch {1} -> {2}")
    @CsvSource({"fresh, fresh, 202", "fresh, stale, 409", "stale, fresh, 409", "stale, stale, 409"})
    void bothPreconditionsAreCheckedAndEitherOneRefuses(String seqState, String matchState, int status) {
        long before = seq();
        UUID late = customerWrites(conversation, "Another question");
        long after = seq();
        String preconditions = ifSeq(seqState.equals("fresh") ? after : before)
                + ifMatch(matchState.equals("fresh") ? late : hello);
        HttpAnswer answer = call(send(sam, "Answer", preconditions));
        if (status == 202) {
            assertThat(answer.status()).isEqualTo(202);
        } else {
            changed(answer, late);
        }
    }

    @Test
    void moreThanTwentyUnseenMessagesListTheNewestTwentyAndSaySo() {
        long seen = seq();
        List<UUID> ids = new ArrayList<>();
        for (int i = 1; i <= 22; i++) {
            ids.add(customerWrites(conversation, "message " + i));
        }
        JsonNode problem = changed(call(send(sam, "Phew", ifSeq(seen))), ids.subList(2, 22).toArray());
        assertThat(problem.path("hasMore").asBoolean()).isTrue();
        assertThat(problem.path("detail").asText()).contains("20+ new messages");
    }

    @Test
    void aSeqPastTheLogsEndIsAnotherEpochsAndCountsAsHavingSeenNothing() {
        UUID second = customerWrites(conversation, "Order 42");
        UUID third = customerWrites(conversation, "Bought on Monday");
        long seen = seq();
        WIRING.stream().restart(org); // the log was truncated: seqs start again at 1 under a new epoch
        UUID late = customerWrites(conversation, "Are you there?");
        assertThat(seq()).isLessThan(seen);
        // Read as a seq of the new log, it would hide the new message; it is not one, so nothing was seen.
        JsonNode problem = changed(call(send(sam, "Yes", ifSeq(seen))), hello, second, third, late);
        assertThat(problem.path("detail").asText()).contains("another epoch");
        assertThat(call(send(sam, "Yes", ifSeq(problem.path("lastSeq").asLong()))).status()).isEqualTo(202);
    }

    @Test
    void anAcceptedSendRetriedWithItsKeyReplaysInsteadOfConflicting() {
        long seen = seq();
        HttpAnswer first = call(send(sam, "It ships today", ifSeq(seen)).header("Idempotency-Key", "reply-1"));
        customerWrites(conversation, "Great, thanks");
        HttpAnswer retry = call(send(sam, "It ships today", ifSeq(seen)).header("Idempotency-Key", "reply-1"));
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().path("id").asText()).isEqualTo(id(first));
        // What the sender had seen is no part of the message: a retry from a newer view replays too.
        HttpAnswer newer = call(send(sam, "It ships today", ifSeq(seq())).header("Idempotency-Key", "reply-1"));
        assertThat(newer.json().path("id").asText()).isEqualTo(id(first));
        assertThat(repliesBy(sam)).isEqualTo(1);
        assertThat(drainQueue()).hasSize(1);
    }

    @Test
    void aKeyWhoseSendWasRefusedStaysUnused() {
        long seen = seq();
        customerWrites(conversation, "Hello?");
        HttpAnswer refused = call(send(sam, "Hi", ifSeq(seen)).header("Idempotency-Key", "reply-2"));
        assertThat(refused.status()).isEqualTo(409);
        HttpAnswer accepted = call(send(sam, "Hi", ifSeq(refused.json().path("lastSeq").asLong()))
                .header("Idempotency-Key", "reply-2"));
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(repliesBy(sam)).isEqualTo(1);
    }

    @Test
    void sendTemplateTakesTheSamePreconditions() {
        UUID whatsapp = conversation("whatsapp");
        customerWrites(whatsapp, "Hi");
        UUID template = Ids.newId();
        fx.exec("INSERT INTO templates (id, organization_id, type, name, content, language, approval_status)"
                + " VALUES (?, ?, 'whatsapp', 'order_update', 'Hi {{1}}, your order {{2}} shipped.', 'en_GB', 'approved')",
                template, org);
        long seen = seq();
        UUID late = customerWrites(whatsapp, "Where is order 42?");
        String body = "{\"conversationId\":\"" + whatsapp + "\",\"templateId\":\"" + template
                + "\",\"params\":{\"1\":\"Alice\",\"2\":\"#42\"}";
        HttpAnswer refused = call(request("POST", "/api/inbox/messages/send-template").as(sam)
                .body(body + ifSeq(seen) + "}"));
        changed(refused, late);
        assertThat(call(request("POST", "/api/inbox/messages/send-template").as(sam)
                .body(body + ifSeq(refused.json().path("lastSeq").asLong()) + "}")).status()).isEqualTo(202);
        assertThat(call(request("POST", "/api/inbox/messages/send-template").as(ada)
                .body(body + ifMatch(late) + "}")).status()).as("Ada had not seen Sam's template").isEqualTo(409);
    }

    @ParameterizedTest(name = "two agents at once, both having seen the same {0}")
    @ValueSource(strings = {"ifLastEventSeq", "ifMatch"})
    void ofTwoAgentsReplyingAtOnceToTheSameViewExactlyOneIsAccepted(String precondition) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                UUID race = conversation("telegram");
                UUID question = customerWrites(race, "Can I return it?");
                String seen = precondition.equals("ifMatch") ? ifMatch(question) : ifSeq(seq());
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<HttpAnswer>> answers = new ArrayList<>();
                for (Caller agent : List.of(sam, ada)) {
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return call(send(agent, race, "Yes, within 30 days (" + agent.userId() + ")", seen));
                    }, pool));
                }
                start.countDown();
                List<HttpAnswer> all = answers.stream().map(CompletableFuture::join).toList();
                assertThat(all).extracting(HttpAnswer::status).containsExactlyInAnyOrder(202, 409);
                HttpAnswer accepted = all.stream().filter(a -> a.status() == 202).findFirst().orElseThrow();
                HttpAnswer refused = all.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
                assertThat(refused.json().path("messages").get(0).path("id").asText())
                        .isEqualTo(accepted.json().path("id").asText());
                assertThat(fx.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'outbound'", race))
                        .isEqualTo(1);
                assertThat(drainQueue()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"ifLastEventSeq\":-1 | ifLastEventSeq",
            "\"ifLastEventSeq\":\"5\" | ifLastEventSeq",
            "\"ifLastEventSeq\":1.5 | ifLastEventSeq",
            "\"ifLastEventSeq\":1e2 | ifLastEventSeq",
            "\"ifLastEventSeq\":true | ifLastEventSeq",
            "\"ifLastEventSeq\":99999999999999999999 | ifLastEventSeq",
            "\"ifMatch\":\"not-an-id\" | ifMatch",
            "\"ifMatch\":\"\" | ifMatch",
            "\"ifMatch\":5 | ifMatch",
            "\"ifMatch\":[\"x\"] | ifMatch",
            "\"ifMatch\":\"$unknown\" | ifMatch",
            "\"ifMatch\":\"$otherConversation\" | ifMatch"})
    void malformedOrUnknownPreconditionsAre422NamingTheFieldAndStoreNothing(String member, String field) {
        UUID other = conversation("sms");
        UUID elsewhere = customerWrites(other, "A message of another conversation");
        String json = member.replace("$unknown", UUID.randomUUID().toString())
                .replace("$otherConversation", elsewhere.toString());
        HttpAnswer answer = call(send(sam, "Hi", "," + json));
        assertThat(answer.status()).as("%s", answer.json()).isEqualTo(422);
        assertThat(answer.problemType()).endsWith("/validation-failed");
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(repliesBy(sam)).isZero();
        assertThat(drainQueue()).isEmpty();
    }

    @Test
    void ifMatchNamingAnotherOrganizationsMessageIsAnsweredAsAnUnknownIdAndLeaksNothing() {
        UUID globex = fx.organization("Globex");
        fx.channelConnection(globex, "telegram");
        UUID theirContact = fx.contact(globex, "Bob", "telegram", "telegram-" + UUID.randomUUID());
        UUID theirs = fx.conversation(globex, theirContact, "telegram", ConversationSpec.open(Instant.now()));
        UUID theirMessage = fx.inboundMessage(globex, theirs, "Globex secret: the launch is on Friday", Instant.now());
        UUID unknown = UUID.randomUUID();

        HttpAnswer foreign = call(send(sam, "Hi", ifMatch(theirMessage)));
        HttpAnswer none = call(send(sam, "Hi", ifMatch(unknown)));
        assertThat(foreign.status()).isEqualTo(none.status()).isEqualTo(422);
        assertThat(foreign.json().path("detail").asText().replace(theirMessage.toString(), "ID"))
                .isEqualTo(none.json().path("detail").asText().replace(unknown.toString(), "ID"));
        assertThat(foreign.json().toString()).doesNotContain("launch", theirs.toString());
        // Nor can a conversation of another organization be sent to, with or without preconditions.
        assertThat(call(send(sam, theirs, "Hi", ifMatch(theirMessage))).status()).isEqualTo(404);
        assertThat(repliesBy(sam)).isZero();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'outbound'", theirs))
                .isZero();
    }
}
