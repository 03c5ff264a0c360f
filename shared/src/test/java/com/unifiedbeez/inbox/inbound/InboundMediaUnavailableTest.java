package com.unifiedbeez.inbox.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.telegram.TelegramInbound;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.contact.ContactStore;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.InboundWiring;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * A file the platform will never hand over does not cost the customer's message: the real
 * Telegram adapter against a local Bot API, the processor on real PostgreSQL and S3Proxy.
 */
class InboundMediaUnavailableTest {
    private static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    private static final String FILE_ID = "BAACAgIAAxkBAAIBZWZ2big_video_XX";

    @StartStop
    private final MockWebServer telegram = new MockWebServer();

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private final ContactStore contacts = new ContactStore(events);
    private final UUID org = fixtures.organization("Big files");
    private final String botId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
    private final UUID bot = fixtures.channelConnection(org, Channel.TELEGRAM, botId, "{}",
            Map.of("botToken", botId + ":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"));

    private InboundProcessor processor() {
        Config api = Config.of(Map.of(PlatformEndpoints.TELEGRAM_API_URL, telegram.url("/").toString(),
                PlatformEndpoints.WEBHOOK_BASE_URL, "https://inbox.example.com"));
        return new InboundProcessor(database, new ConnectionStore(database, new CredentialCipher(TestDatabase.config())),
                Set.of(new TelegramInbound(api, new PlatformHttp())),
                new InboundMessages(database, new InboundContacts(contacts),
                        new InboundConversations(new ConversationStore(events)),
                        new InboundMediaStore(new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(),
                                LocalAws.config().with(S3MediaStorage.BUCKET, BUCKET))),
                        new MessageStore(), new AttachmentStore(), new ConversationStore(events), contacts, events,
                    InboundWiring.awayReplies(database, events, Clock.systemUTC()),
                    AssignmentWiring.of(database, events).arrivals(), AssignmentWiring.of(database, events).router()),
                new InboundUpdates(database, contacts, new MessageStore()), new DeliveryTracker(events));
    }

    /** A 30 MB video with a caption (Update / Message / Video: core.telegram.org/bots/api#message). */
    private InboundEnvelope bigVideo() {
        String update = """
                {"update_id": 10042,
                 "message": {"message_id": 2201, "date": 1772359200,
                   "chat": {"id": 1111111, "type": "private", "first_name": "Test", "last_name": "Firstname"},
                   "from": {"id": 1111111, "is_bot": false, "first_name": "Test", "last_name": "Firstname"},
                   "video": {"file_id": "%s", "file_unique_id": "AgADbig", "width": 1920, "height": 1080,
                             "duration": 95, "mime_type": "video/mp4", "file_name": "unboxing.mp4",
                             "file_size": 31457280},
                   "caption": "The box arrived crushed, see the video"}}""".formatted(FILE_ID);
        return new InboundEnvelope(Channel.TELEGRAM.wireName(), bot, org, "1111111", Instant.now(), update);
    }

    private void getFileAnswers(int status, String body) {
        telegram.enqueue(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(body).build());
    }

    @Test
    void theMessageIsStoredWithoutTheFileAndSaysWhyOnceAndOnlyOnce() throws Exception {
        InboundProcessor processor = processor();
        // first a Bot API hiccup: the record fails and is retried, nothing stored yet
        getFileAnswers(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
        assertThatThrownBy(() -> processor.process(bigVideo())).isInstanceOf(UncheckedIOException.class);
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isZero();

        // then Telegram's verdict: bots download up to 20 MB
        getFileAnswers(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: file is too big\"}");
        assertThat(processor.process(bigVideo())).isEqualTo(new InboundProcessor.Outcome(1, 0, 0, false));

        UUID message = UUID.fromString(fixtures.one("SELECT id FROM messages WHERE organization_id = ?", org));
        assertThat(fixtures.one("SELECT content FROM messages WHERE id = ?", message))
                .isEqualTo("The box arrived crushed, see the video");
        assertThat(fixtures.one("SELECT message_type FROM messages WHERE id = ?", message)).isEqualTo("video");
        assertThat(fixtures.one("SELECT external_id FROM messages WHERE id = ?", message)).isEqualTo("1111111:2201");
        JsonNode missing = Json.mapper().readTree(fixtures.one("SELECT metadata::text FROM messages WHERE id = ?", message))
                .path("mediaUnavailable");
        assertThat(missing).hasSize(1);
        assertThat(missing.at("/0/reference").asText()).isEqualTo(FILE_ID);
        assertThat(missing.at("/0/contentType").asText()).isEqualTo("video/mp4");
        assertThat(missing.at("/0/fileName").asText()).isEqualTo("unboxing.mp4");
        assertThat(missing.at("/0/reason").asText()).isEqualTo(
                "Telegram lets bots download files of up to 20 MB only (getFile: Bad Request: file is too big)");
        assertThat(fixtures.count("SELECT count(*) FROM attachments WHERE message_id = ?", message)).isZero();
        assertThat(fixtures.one("SELECT last_message_preview FROM conversations WHERE organization_id = ?", org))
                .isEqualTo("The box arrived crushed, see the video");
        JsonNode received = Json.mapper().readTree(fixtures.one(
                "SELECT payload::text FROM domain_events WHERE organization_id = ? AND name = ?",
                org, DomainEvents.MESSAGE_RECEIVED));
        assertThat(received.at("/message/metadata/mediaUnavailable/0/reference").asText()).isEqualTo(FILE_ID);

        // the same update again (a redelivered record): nothing stored twice, nothing asked again
        assertThat(processor.process(bigVideo())).isEqualTo(new InboundProcessor.Outcome(0, 1, 0, false));
        assertThat(telegram.getRequestCount()).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM messages WHERE organization_id = ?", org)).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM attachments WHERE organization_id = ?", org)).isZero();
        assertThat(fixtures.count("SELECT count(*) FROM domain_events WHERE organization_id = ?", org)).isEqualTo(2);
    }
}
