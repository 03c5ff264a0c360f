package com.unifiedbeez.inbox.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.messenger.MessengerInbound;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.InboundWiring;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A Messenger customer's name comes from the User Profile API, asked once when the inbox first
 * meets them: real PostgreSQL, the real Messenger normalizer, the Graph API on a local server.
 */
class InboundProfileTest {
    static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    static final String PAGE_ID = "106459471234567";
    static final String TOKEN = "EAAG-page-token-profile-test";

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final UUID org = fixtures.organization("Profiles");
    private final UUID connection = fixtures.channelConnection(org, Channel.MESSENGER, PAGE_ID + "-" + UUID.randomUUID(),
            "{}", Map.of(MetaGraph.ACCESS_TOKEN, TOKEN));

    private InboundProcessor processor() {
        DomainEvents events = TestEvents.written(database);
        ContactStore contacts = new ContactStore(events);
        Config graphConfig = Config.of(Map.of(PlatformEndpoints.GRAPH_API_URL, graph.url("/").toString()));
        return new InboundProcessor(database, new ConnectionStore(database, new CredentialCipher(TestDatabase.config())),
                Set.of(new MessengerInbound(new MetaGraph(graphConfig, new PlatformHttp()))),
                new InboundMessages(database, new InboundContacts(contacts),
                        new InboundConversations(new ConversationStore(events)),
                        new InboundMediaStore(new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                                LocalAws.config().with(S3MediaStorage.BUCKET, BUCKET))),
                        new MessageStore(), new AttachmentStore(), new ConversationStore(events), contacts, events,
                    InboundWiring.awayReplies(database, events, Clock.systemUTC()),
                    AssignmentWiring.of(database, events).arrivals(), AssignmentWiring.of(database, events).router()),
                new InboundUpdates(database, contacts, new MessageStore()), new DeliveryTracker(events));
    }

    /** A Messenger webhook with one text message (shape of events/webhooks/messenger/message-text.json). */
    private InboundEnvelope message(String psid, String mid, String text) {
        long at = Instant.parse("2026-03-01T10:00:00Z").toEpochMilli();
        String payload = """
                {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[{"sender":{"id":"%s"},
                "recipient":{"id":"%s"},"timestamp":%d,"message":{"mid":"%s","text":"%s"}}]}]}"""
                .formatted(PAGE_ID, at, psid, PAGE_ID, at, mid, text);
        return new InboundEnvelope("messenger", connection, org, psid, Instant.now(), payload);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    private String contactColumn(String psid, String column) {
        return fixtures.one("SELECT coalesce(c." + column + ", '<none>') FROM contacts c JOIN contact_identities i"
                + " ON i.contact_id = c.id WHERE i.organization_id = ? AND i.channel = 'messenger' AND i.identifier = ?",
                org, psid);
    }

    @Test
    void aNewCustomerIsNamedOnceFromTheProfileAndTheNextMessageAsksNothing() throws Exception {
        String psid = "24032367339695017";
        graph.enqueue(json(200, "{\"first_name\":\"Peter\",\"last_name\":\"Chang\",\"profile_pic\":"
                + "\"https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=" + psid + "\",\"id\":\"" + psid + "\"}"));
        InboundProcessor processor = processor();

        assertThat(processor.process(message(psid, "m_first", "hello")).stored()).isEqualTo(1);

        RecordedRequest lookup = graph.takeRequest();
        assertThat(lookup.getTarget()).isEqualTo("/" + psid + "?fields=first_name,last_name,profile_pic");
        assertThat(lookup.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(contactColumn(psid, "name")).isEqualTo("Peter Chang");
        assertThat(contactColumn(psid, "avatar_url"))
                .isEqualTo("https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=" + psid);
        assertThat(fixtures.one("SELECT display_name FROM contact_identities WHERE organization_id = ? AND identifier = ?",
                org, psid)).isEqualTo("Peter Chang");

        assertThat(processor.process(message(psid, "m_second", "are you there?")).stored()).isEqualTo(1);
        assertThat(graph.getRequestCount()).as("no profile call for a known customer").isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM contacts WHERE organization_id = ?", org)).isEqualTo(1);
    }

    @Test
    void aRefusedProfileStillStoresTheMessageWithANamelessContactAndIsNotAskedAgain() {
        String psid = "24032367339695099";
        graph.enqueue(json(403, "{\"error\":{\"message\":\"(#200) Missing Permission\",\"type\":\"OAuthException\","
                + "\"code\":200,\"fbtrace_id\":\"AbCdEfGhIjK\"}}"));
        InboundProcessor processor = processor();

        assertThat(processor.process(message(psid, "m_a", "hi"))).isEqualTo(new InboundProcessor.Outcome(1, 0, 0, false));
        assertThat(contactColumn(psid, "name")).isEqualTo("<none>");
        assertThat(contactColumn(psid, "avatar_url")).isEqualTo("<none>");
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ? AND content = 'hi'", org))
                .isEqualTo(1);

        assertThat(processor.process(message(psid, "m_b", "hello?")).stored()).isEqualTo(1);
        assertThat(graph.getRequestCount()).as("never retried for a name").isEqualTo(1);
    }

    @Test
    void anUnreachableGraphStillStoresTheMessage() {
        graph.close();
        String psid = "24032367339695042";

        assertThat(processor().process(message(psid, "m_x", "hey")).stored()).isEqualTo(1);
        assertThat(contactColumn(psid, "name")).isEqualTo("<none>");
    }
}
