package com.unifiedbeez.inbox.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.InboundWiring;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Queued payloads through the processor into real PostgreSQL, media into S3Proxy from a local
 * media server, with the stand-in channel's normalizer.
 */
class InboundProcessorTest {
    static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private final DeliveryTracker tracker = new DeliveryTracker(events);
    private final ContactStore contacts = new ContactStore(events);
    private final InboundProcessor processor = new InboundProcessor(database,
            new ConnectionStore(database, new CredentialCipher(TestDatabase.config())),
            Set.of(new StandInChannel(Channel.WHATSAPP, "s", "t"), new StandInChannel(Channel.EMAIL, "s", "t")),
            new InboundMessages(database, new InboundContacts(contacts),
                    new InboundConversations(new ConversationStore(events)),
                    new InboundMediaStore(new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                            LocalAws.config().with(S3MediaStorage.BUCKET, BUCKET))),
                    new MessageStore(), new AttachmentStore(), new ConversationStore(events), contacts, events,
                    InboundWiring.awayReplies(database, events, Clock.systemUTC()),
                    AssignmentWiring.of(database, events).arrivals(), AssignmentWiring.of(database, events).router()),
            new InboundUpdates(database, contacts, new MessageStore()), tracker);
    private final MockWebServer mediaServer = new MockWebServer();

    private final UUID org = fixtures.organization("Inbound");
    private final String account = "phone-" + UUID.randomUUID();
    private final UUID connection = fixtures.channelConnection(org, Channel.WHATSAPP, account, "{}", Map.of());
    private final Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

    @AfterEach
    void stopMediaServer() {
        mediaServer.close();
    }

    private InboundEnvelope envelope(UUID connectionId, UUID organizationId, Channel channel, JsonNode entry) {
        return new InboundEnvelope(channel.wireName(), connectionId, organizationId, entry.path("from").asText(),
                Instant.now(), entry.toString());
    }

    private InboundEnvelope whatsapp(JsonNode entry) {
        return envelope(connection, org, Channel.WHATSAPP, entry);
    }

    private JsonNode eventPayload(String name, UUID conversationId) throws Exception {
        return Json.mapper().readTree(fixtures.one("SELECT payload::text FROM domain_events WHERE organization_id = ?"
                + " AND name = ? AND conversation_id = ? ORDER BY id DESC LIMIT 1", org, name, conversationId));
    }

    @Test
    void aNewCustomerGetsAContactAConversationTheMessageAndBothRealtimeEvents() throws Exception {
        InboundProcessor.Outcome outcome = processor.process(whatsapp(
                StandInChannel.message(account, "wamid.1", "+447700900001", "Ada Lovelace", "Hello there", t0)));

        assertThat(outcome).isEqualTo(new InboundProcessor.Outcome(1, 0, 0, false));
        UUID contact = UUID.fromString(fixtures.one("""
                SELECT contact_id FROM contact_identities WHERE organization_id = ? AND channel = 'whatsapp'
                   AND identifier = '+447700900001' AND display_name = 'Ada Lovelace' AND channel_connection_id = ?""",
                org, connection));
        assertThat(fixtures.one("SELECT name FROM contacts WHERE id = ?", contact)).isEqualTo("Ada Lovelace");
        UUID conversation = UUID.fromString(fixtures.one("""
                SELECT id FROM conversations WHERE organization_id = ? AND contact_id = ? AND channel = 'whatsapp'
                   AND channel_connection_id = ? AND status = 'new' AND last_message_preview = 'Hello there'
                   AND last_inbound_at = ? AND last_message_at = ?""", org, contact, connection, t0, t0));
        assertThat(fixtures.count("""
                SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'inbound' AND sender_type = 'contact'
                   AND message_type = 'text' AND content = 'Hello there' AND external_id = 'wamid.1'
                   AND platform_timestamp = ? AND channel_connection_id = ? AND status IS NULL""",
                conversation, t0, connection)).isEqualTo(1);

        JsonNode created = eventPayload(DomainEvents.CONVERSATION_NEW, conversation);
        assertThat(created.path("conversation").path("id").asText()).isEqualTo(conversation.toString());
        assertThat(created.path("conversation").path("status").asText()).isEqualTo("new");
        assertThat(created.path("conversation").path("unreadCount").asInt()).isEqualTo(1);
        assertThat(created.path("contact").path("id").asText()).isEqualTo(contact.toString());
        assertThat(created.path("contact").path("name").asText()).isEqualTo("Ada Lovelace");
        JsonNode received = eventPayload(DomainEvents.MESSAGE_RECEIVED, conversation);
        assertThat(received.path("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(received.path("message").path("content").asText()).isEqualTo("Hello there");
        assertThat(received.path("message").path("direction").asText()).isEqualTo("inbound");
        assertThat(fixtures.count("SELECT count(*) FROM domain_events WHERE conversation_id = ?", conversation)).isEqualTo(2);
        assertThat(fixtures.one("SELECT string_agg(name, ',' ORDER BY id) FROM domain_events WHERE conversation_id = ?",
                conversation)).isEqualTo("conversation:new,message:received");
    }

    @Test
    void theSamePayloadThreeTimesStoresOneMessageAndAnnouncesItOnce() {
        InboundEnvelope envelope = whatsapp(StandInChannel.message(account, "wamid.dup", "+447700900002", "Bo", "once", t0));
        assertThat(processor.process(envelope).stored()).isEqualTo(1);
        assertThat(processor.process(envelope)).isEqualTo(new InboundProcessor.Outcome(0, 1, 0, false));
        // A second webhook delivery of the same message is a new envelope with the same platform id.
        processor.process(whatsapp(StandInChannel.message(account, "wamid.dup", "+447700900002", "Bo", "once", t0)));

        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM conversations WHERE organization_id = ?", org)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM contacts WHERE organization_id = ?", org)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM domain_events WHERE organization_id = ?", org)).isEqualTo(2);
    }

    @Test
    void aResolvedConversationIsReopenedByTheCustomersNextMessage() throws Exception {
        processor.process(whatsapp(StandInChannel.message(account, "wamid.r1", "+447700900003", "Cy", "first", t0)));
        UUID conversation = UUID.fromString(fixtures.one("SELECT id FROM conversations WHERE organization_id = ?", org));
        fixtures.exec("UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE id = ?", conversation);

        processor.process(whatsapp(StandInChannel.message(account, "wamid.r2", "+447700900003", "Cy", "me again", t0.plusSeconds(60))));

        assertThat(fixtures.one("SELECT status FROM conversations WHERE id = ?", conversation)).isEqualTo("active");
        assertThat(fixtures.one("SELECT last_message_preview FROM conversations WHERE id = ?", conversation)).isEqualTo("me again");
        assertThat(fixtures.count("SELECT count(*) FROM conversations WHERE organization_id = ?", org)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE conversation_id = ?", conversation)).isEqualTo(2);
        JsonNode status = eventPayload(DomainEvents.CONVERSATION_STATUS, conversation);
        assertThat(status.path("status").asText()).isEqualTo("active");
        assertThat(status.path("conversationId").asText()).isEqualTo(conversation.toString());
    }

    @Test
    void aClosedConversationStaysClosedAndTheNextMessageStartsANewOne() {
        processor.process(whatsapp(StandInChannel.message(account, "wamid.c1", "+447700900004", "Di", "first", t0)));
        UUID closed = UUID.fromString(fixtures.one("SELECT id FROM conversations WHERE organization_id = ?", org));
        fixtures.exec("UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = ?", closed);

        processor.process(whatsapp(StandInChannel.message(account, "wamid.c2", "+447700900004", "Di", "hello?", t0.plusSeconds(60))));

        assertThat(fixtures.one("SELECT status FROM conversations WHERE id = ?", closed)).isEqualTo("closed");
        assertThat(fixtures.one("SELECT status FROM conversations WHERE organization_id = ? AND id <> ?", org, closed))
                .isEqualTo("new");
    }

    @Test
    void anEmailThreadOfThreeMailsLandsInOneConversationEvenAfterItWasClosed() {
        String mailbox = "support-" + UUID.randomUUID() + "@example.test";
        UUID email = fixtures.channelConnection(org, Channel.EMAIL, mailbox, "{}", Map.of());
        String customer = "ada@example.test";
        ObjectNode first = StandInChannel.message(mailbox, "<m1@customer.test>", customer, "Ada", "My order is late", t0)
                .put("subject", "Order 1234");
        processor.process(envelope(email, org, Channel.EMAIL, first));
        UUID thread = UUID.fromString(fixtures.one("SELECT id FROM conversations WHERE channel_connection_id = ?", email));
        assertThat(fixtures.one("SELECT subject FROM conversations WHERE id = ?", thread)).isEqualTo("Order 1234");
        // Our reply went out with its own Message-ID, and the conversation was closed.
        fixtures.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      content, status, external_id)
                VALUES (?, ?, ?, ?, 'outbound', 'user', 'On its way', 'sent', '<r1@inbox.test>')""",
                Ids.newId(), org, thread, email);
        fixtures.exec("UPDATE conversations SET status = 'closed' WHERE id = ?", thread);

        ObjectNode second = StandInChannel.message(mailbox, "<m2@customer.test>", customer, "Ada", "Thanks!", t0.plusSeconds(600));
        second.putArray("references").add("<r1@inbox.test>").add("<m1@customer.test>");
        processor.process(envelope(email, org, Channel.EMAIL, second));
        ObjectNode third = StandInChannel.message(mailbox, "<m3@customer.test>", customer, "Ada", "Still waiting", t0.plusSeconds(900));
        third.putArray("references").add("<m2@customer.test>").add("<r1@inbox.test>").add("<m1@customer.test>");
        processor.process(envelope(email, org, Channel.EMAIL, third));

        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'inbound'", thread))
                .isEqualTo(3);
        assertThat(fixtures.one("SELECT status FROM conversations WHERE id = ?", thread)).isEqualTo("active");
        assertThat(fixtures.count("SELECT count(*) FROM conversations WHERE channel_connection_id = ?", email)).isEqualTo(1);

        // A mail answering nothing of ours, once the thread is closed again, starts a new conversation.
        fixtures.exec("UPDATE conversations SET status = 'closed' WHERE id = ?", thread);
        processor.process(envelope(email, org, Channel.EMAIL,
                StandInChannel.message(mailbox, "<m4@customer.test>", customer, "Ada", "New topic", t0.plusSeconds(2000))));
        assertThat(fixtures.count("SELECT count(*) FROM conversations WHERE channel_connection_id = ?", email)).isEqualTo(2);
    }

    @Test
    void mediaIsCopiedToTheBucketUnderAKeyOfTheMessageAndRecordedAsAnUploadedAttachment() throws Exception {
        mediaServer.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body("PNG-BYTES").build());
        mediaServer.start();
        ObjectNode photo = StandInChannel.message(account, "wamid.photo", "+447700900005", "Ed", "look", t0)
                .put("mediaUrl", mediaServer.url("/media/77").toString()).put("fileName", "my photo (1).png");

        processor.process(whatsapp(photo));
        processor.process(whatsapp(photo));

        assertThat(mediaServer.getRequestCount()).as("a stored message is not downloaded again").isEqualTo(1);
        String key = InboundMediaStore.key(new ConnectionStore(database, new CredentialCipher(TestDatabase.config()))
                .find(connection).orElseThrow(), "wamid.photo", 0, "my photo (1).png");
        assertThat(key).startsWith("inbound/" + org + "/" + connection + "/").endsWith("/0-my_photo_1_.png");
        assertThat(fixtures.count("""
                SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id
                 WHERE m.external_id = 'wamid.photo' AND a.s3_key = ? AND a.status = 'uploaded' AND a.size_bytes = 9
                   AND a.content_type = 'image/png' AND a.file_name = 'my photo (1).png' AND m.message_type = 'image'
                   AND a.conversation_id = m.conversation_id""", key)).isEqualTo(1);
        byte[] stored = LocalAws.s3().getObjectAsBytes(o -> o.bucket(BUCKET).key(key)).asByteArray();
        assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("PNG-BYTES");

        // The announcement is built from what was written, not read back: it must be what a read gives.
        UUID conversation = UUID.fromString(fixtures.one(
                "SELECT conversation_id FROM messages WHERE external_id = 'wamid.photo'"));
        UUID message = UUID.fromString(fixtures.one("SELECT id FROM messages WHERE external_id = 'wamid.photo'"));
        JsonNode readBack = Json.mapper().readTree(Json.write(database.read(c -> new MessageStore().find(c, org, message))
                .orElseThrow()));
        assertThat(eventPayload(DomainEvents.MESSAGE_RECEIVED, conversation).path("message")).isEqualTo(readBack);
        assertThat(readBack.path("attachments")).singleElement()
                .satisfies(a -> assertThat(a.path("fileName").asText()).isEqualTo("my photo (1).png"));
    }

    @Test
    void aMediaServerFailureFailsTheRecordAndStoresNothingUntilARetrySucceeds() throws Exception {
        mediaServer.enqueue(new MockResponse.Builder().code(500).build());
        mediaServer.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/jpeg").body("JPEG").build());
        mediaServer.start();
        InboundEnvelope envelope = whatsapp(StandInChannel.message(account, "wamid.flaky", "+447700900006", "Fi", null, t0)
                .put("mediaUrl", mediaServer.url("/m").toString()));

        assertThatThrownBy(() -> processor.process(envelope)).isInstanceOf(UncheckedIOException.class);
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isZero();

        processor.process(envelope);
        assertThat(fixtures.count("SELECT count(*) FROM attachments WHERE organization_id = ? AND status = 'uploaded'", org))
                .isEqualTo(1);
        assertThat(fixtures.one("SELECT last_message_preview FROM conversations WHERE organization_id = ?", org))
                .isEqualTo("[image]");
    }

    @Test
    void statusesBeforeTheirMessageAreKeptAndAppliedWhenTheSenderRecordsItsIdEndingRead() {
        processor.process(whatsapp(StandInChannel.message(account, "wamid.in", "+447700900007", "Gus", "hi", t0)));
        UUID conversation = UUID.fromString(fixtures.one("SELECT id FROM conversations WHERE organization_id = ?", org));
        UUID reply = Ids.newId();
        fixtures.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      content, status, queued_at)
                VALUES (?, ?, ?, ?, 'outbound', 'user', 'hello Gus', 'queued', now())""", reply, org, conversation, connection);

        // The platform reports read, then delivered, before our sender has recorded the platform id.
        processor.process(whatsapp(StandInChannel.entry(account, "status", "wamid.out", "+447700900007", t0.plusSeconds(20))
                .put("status", "read")));
        processor.process(whatsapp(StandInChannel.entry(account, "status", "wamid.out", "+447700900007", t0.plusSeconds(10))
                .put("status", "delivered")));
        assertThat(fixtures.one("SELECT status FROM messages WHERE id = ?", reply)).isEqualTo("queued");
        assertThat(fixtures.count("SELECT count(*) FROM pending_message_statuses WHERE external_id = 'wamid.out'")).isEqualTo(2);

        database.transaction(c -> {
            tracker.advance(c, reply, MessageStatus.SENT, t0.plusSeconds(5), null, null);
            com.unifiedbeez.inbox.platform.db.Sql.update(c, "UPDATE messages SET external_id = 'wamid.out' WHERE id = ?", reply);
            tracker.recorded(c, reply, connection, "wamid.out");
            return null;
        });

        assertThat(fixtures.one("SELECT status FROM messages WHERE id = ?", reply)).isEqualTo("read");
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE id = ? AND delivered_at = ? AND read_at = ?",
                reply, t0.plusSeconds(10), t0.plusSeconds(20))).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM pending_message_statuses WHERE external_id = 'wamid.out'")).isZero();

        // A status for a message already recorded applies at once; a late 'delivered' changes nothing.
        processor.process(whatsapp(StandInChannel.entry(account, "status", "wamid.out", "+447700900007", t0.plusSeconds(30))
                .put("status", "delivered")));
        assertThat(fixtures.one("SELECT status FROM messages WHERE id = ?", reply)).isEqualTo("read");
    }

    @Test
    void aReadWatermarkReadsEverythingSentUpToIt() {
        processor.process(whatsapp(StandInChannel.message(account, "wamid.w", "+447700900008", "Hal", "hi", t0)));
        UUID conversation = UUID.fromString(fixtures.one("SELECT id FROM conversations WHERE organization_id = ?", org));
        UUID early = outbound(conversation, "wamid.o1", t0.plusSeconds(10));
        UUID late = outbound(conversation, "wamid.o2", t0.plusSeconds(100));

        processor.process(whatsapp(StandInChannel.entry(account, "read", null, "+447700900008", t0.plusSeconds(50))));

        assertThat(fixtures.one("SELECT status FROM messages WHERE id = ?", early)).isEqualTo("read");
        assertThat(fixtures.one("SELECT status FROM messages WHERE id = ?", late)).isEqualTo("sent");
    }

    @Test
    void theCustomerEditsTheirMessageAndReactsToOursAndTakesTheReactionBack() {
        processor.process(whatsapp(StandInChannel.message(account, "tg.1", "+447700900009", "Ivy", "helo", t0)));
        UUID conversation = UUID.fromString(fixtures.one("SELECT id FROM conversations WHERE organization_id = ?", org));
        UUID ours = outbound(conversation, "tg.2", t0.plusSeconds(5));

        processor.process(whatsapp(StandInChannel.entry(account, "edit", "tg.1", "+447700900009", t0.plusSeconds(60))
                .put("text", "hello")));
        processor.process(whatsapp(StandInChannel.entry(account, "edit", "tg.1", "+447700900009", t0.plusSeconds(30))
                .put("text", "hallo")));
        assertThat(fixtures.one("SELECT content FROM messages WHERE external_id = 'tg.1' AND channel_connection_id = ?",
                connection)).isEqualTo("hello");

        processor.process(whatsapp(StandInChannel.entry(account, "reaction", "tg.2", "+447700900009", t0.plusSeconds(70))
                .put("emoji", "👍")));
        processor.process(whatsapp(StandInChannel.entry(account, "reaction", "tg.2", "+447700900009", t0.plusSeconds(71))
                .put("emoji", "❤️")));
        assertThat(fixtures.one("SELECT string_agg(emoji, ',') FROM message_reactions WHERE message_id = ? AND contact_id IS NOT NULL",
                ours)).isEqualTo("❤️");
        processor.process(whatsapp(StandInChannel.entry(account, "reaction", "tg.2", "+447700900009", t0.plusSeconds(72))));
        assertThat(fixtures.count("SELECT count(*) FROM message_reactions WHERE message_id = ?", ours)).isZero();
        // An edit or a reaction of something we never stored is skipped, not an error.
        assertThat(processor.process(whatsapp(StandInChannel.entry(account, "edit", "tg.404", "+447700900009", t0)
                .put("text", "?"))).updates()).isZero();
    }

    @Test
    void theSameCustomerIdOnTwoOrganizationsConnectionsIsTwoContacts() {
        UUID otherOrg = fixtures.organization("Other tenant");
        String otherAccount = "phone-" + UUID.randomUUID();
        UUID otherConnection = fixtures.channelConnection(otherOrg, Channel.WHATSAPP, otherAccount, "{}", Map.of());

        processor.process(whatsapp(StandInChannel.message(account, "wamid.t1", "+447700900010", "Jo", "to A", t0)));
        processor.process(envelope(otherConnection, otherOrg, Channel.WHATSAPP,
                StandInChannel.message(otherAccount, "wamid.t1", "+447700900010", "Jo", "to B", t0)));

        for (UUID tenant : List.of(org, otherOrg)) {
            assertThat(fixtures.count("SELECT count(*) FROM contact_identities WHERE organization_id = ? AND identifier = '+447700900010'",
                    tenant)).isEqualTo(1);
            assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", tenant)).isEqualTo(1);
        }
        assertThat(fixtures.one("SELECT content FROM messages WHERE organization_id = ?", otherOrg)).isEqualTo("to B");
        assertThat(fixtures.count("""
                SELECT count(*) FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                 WHERE cv.organization_id <> ct.organization_id""")).isZero();
    }

    @Test
    void aPayloadForADisconnectedOrUnknownConnectionIsDroppedNotFailed() {
        fixtures.exec("UPDATE channel_connections SET status = 'disconnected' WHERE id = ?", connection);
        assertThat(processor.process(whatsapp(StandInChannel.message(account, "wamid.x", "+447700900011", "Kim", "hi", t0))).dropped())
                .isTrue();
        assertThat(processor.process(envelope(Ids.newId(), org, Channel.WHATSAPP,
                StandInChannel.message(account, "wamid.y", "+447700900011", "Kim", "hi", t0))).dropped()).isTrue();
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isZero();
    }

    @Test
    void concurrentConsumersOfANewCustomerEndWithOneContactAndTheMessageStoredOnce() throws Exception {
        String otherAccount = "phone-" + UUID.randomUUID();
        UUID otherConnection = fixtures.channelConnection(org, Channel.WHATSAPP, otherAccount, "{}", Map.of());
        InboundEnvelope same = whatsapp(StandInChannel.message(account, "wamid.race", "+447700900012", "Lu", "hi", t0));
        InboundEnvelope viaOtherLine = envelope(otherConnection, org, Channel.WHATSAPP,
                StandInChannel.message(otherAccount, "wamid.race2", "+447700900012", "Lu", "hi there", t0));
        List<InboundEnvelope> work = List.of(same, same, same, viaOtherLine, viaOtherLine);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(work.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(work.size());
        try {
            List<java.util.concurrent.Future<InboundProcessor.Outcome>> results = new java.util.ArrayList<>();
            for (InboundEnvelope e : work) {
                results.add(pool.submit(() -> {
                    start.await();
                    return processor.process(e);
                }));
            }
            int stored = 0;
            for (var r : results) {
                stored += r.get(30, java.util.concurrent.TimeUnit.SECONDS).stored();
            }
            assertThat(stored).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.count("SELECT count(*) FROM contacts WHERE organization_id = ?", org)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM conversations WHERE organization_id = ?", org)).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'conversation:new'", org))
                .isEqualTo(2);
    }

    private UUID outbound(UUID conversation, String externalId, Instant sentAt) {
        UUID id = Ids.newId();
        fixtures.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,
                                      content, status, external_id, sent_at)
                VALUES (?, ?, ?, ?, 'outbound', 'user', 'from us', 'sent', ?, ?)""",
                id, org, conversation, connection, externalId, sentAt);
        return id;
    }
}
