package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 8, section 1: a record that can never succeed is recorded, never retried, and never holds
 * the customer's next message. Real webhook path (signed deliveries), ElasticMQ FIFO, S3Proxy,
 * PostgreSQL, and the platforms' own error answers from a MockWebServer.
 */
class PermanentFailureFlowTest {
    static final String GET_FILE = "/telegram/bot" + FlowRig.BOT_TOKEN + "/getFile";
    static final String TWILIO_MEDIA = "/twilio/2010-04-01/Accounts/ACXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX/Messages/"
            + "MM1342fe1b2c904d1ab04f0fc7a58abca7/Media/ME1342fe1b2c904d1ab04f0fc7a58abca6";

    private FlowRig rig;

    @BeforeEach
    void start() {
        rig = new FlowRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** Delivers, runs the normalizer over everything queued, and checks nothing went back to the queue. */
    private void deliverAndNormalize(Channel channel, String body) {
        assertThat(rig.deliver(channel, body).getStatusCode()).isEqualTo(200);
        List<SQSMessage> records = rig.receive();
        assertThat(records).hasSize(1);
        assertThat(rig.process(records)).as("batch item failures").isEmpty();
        assertThat(rig.receive()).as("records left on the queue").isEmpty();
    }

    @Test
    void aWhatsAppTextWithNulIsStoredWithoutIt() {
        rig.connect(Channel.WHATSAPP);
        // JSON allows \u0000 in a string; PostgreSQL text and jsonb do not.
        String body = FlowRig.fixture("whatsapp", "text.json")
                .replace("Does it come in another color?", "Does it come\\u0000 in another color?")
                .replace("Sheena Nelson", "Sheena\\u0000 Nelson");

        deliverAndNormalize(Channel.WHATSAPP, body);

        Map<String, Object> message = Rows.one("SELECT content FROM messages WHERE organization_id = ?", rig.org);
        assertThat(message).containsEntry("content", "Does it come in another color?");
        assertThat(Rows.one("SELECT name FROM contacts WHERE organization_id = ?", rig.org))
                .containsEntry("name", "Sheena Nelson");
    }

    static Stream<Arguments> telegramRefusals() {
        // core.telegram.org/bots/api#making-requests: {"ok":false,"error_code":...,"description":...}
        return Stream.of(
                Arguments.of("invalid file_id", "Bad Request: invalid file_id"),
                Arguments.of("over 20 MB", "Bad Request: file is too big"),
                Arguments.of("another bot's file", "Bad Request: wrong file_id or the file is temporarily unavailable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("telegramRefusals")
    void aTelegramPhotoWhoseFileTelegramRefusesIsStoredWithoutIt(String name, String description) {
        rig.connect(Channel.TELEGRAM);
        rig.standIn.json("POST", GET_FILE, 400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"" + description + "\"}");

        deliverAndNormalize(Channel.TELEGRAM, FlowRig.fixture("telegram", "message-photo.json"));

        Map<String, Object> message = Rows.one("SELECT id, message_type, content, metadata FROM messages"
                + " WHERE organization_id = ?", rig.org);
        assertThat(message).containsEntry("message_type", "image").containsEntry("content", "Here is the receipt");
        JsonNode missing = Rows.json(message.get("metadata")).path("mediaUnavailable");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).path("reference").asText()).isEqualTo("AgACAgQAAxkBAAIBZ2XlargeXXXXXXXXXXXX");
        assertThat(missing.get(0).path("reason").asText()).contains(description).doesNotContain(FlowRig.BOT_TOKEN);
        assertThat(rig.fx.count("SELECT count(*) FROM attachments WHERE message_id = ?", message.get("id"))).isZero();
    }

    static Stream<Arguments> twilioRefusals() {
        // Twilio's REST error body (twilio.com/docs/usage/twilios-response#response-formats-exceptions)
        return Stream.of(
                Arguments.of(401, "{\"code\":20003,\"message\":\"Authenticate\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}"),
                Arguments.of(403, "{\"code\":20403,\"message\":\"Forbidden\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/20403\",\"status\":403}"),
                Arguments.of(404, "{\"code\":20404,\"message\":\"The requested resource " + TWILIO_MEDIA.substring(7)
                        + " was not found\",\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}"));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @MethodSource("twilioRefusals")
    void aTwilioMmsWhoseMediaTwilioRefusesIsStoredWithoutIt(int status, String error) {
        rig.connect(Channel.SMS);
        rig.standIn.json("GET", TWILIO_MEDIA, status, error);
        String body = FlowRig.fixture("sms", "inbound-mms.txt").replace("https%3A%2F%2Fapi.twilio.com",
                URLEncoder.encode(rig.url("/twilio"), StandardCharsets.UTF_8));

        deliverAndNormalize(Channel.SMS, body);

        Map<String, Object> message = Rows.one("SELECT id, message_type, metadata FROM messages WHERE organization_id = ?",
                rig.org);
        assertThat(message).containsEntry("message_type", "image");
        JsonNode missing = Rows.json(message.get("metadata")).path("mediaUnavailable");
        assertThat(missing).hasSize(1);
        assertThat(missing.get(0).path("reason").asText()).contains("HTTP " + status)
                .doesNotContain(FlowRig.TWILIO_AUTH_TOKEN);
        assertThat(rig.fx.count("SELECT count(*) FROM attachments WHERE message_id = ?", message.get("id"))).isZero();
    }

    /** What comes first in the customer's FIFO group, ahead of their next message. */
    record Bad(String name, Consumer<FlowRig> arrive, int storedOfIt, boolean setAside) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badFirsts() {
        return Stream.of(
                new Bad("a photo Telegram will not hand over", rig -> {
                    rig.standIn.json("POST", GET_FILE, 400,
                            "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: invalid file_id\"}");
                    assertThat(rig.deliver(Channel.TELEGRAM, FlowRig.fixture("telegram", "message-photo.json"))
                            .getStatusCode()).isEqualTo(200);
                }, 1, false),
                // A date past PostgreSQL's timestamptz range (year 294276): the database refuses the row.
                new Bad("a message the database refuses", rig -> assertThat(rig.deliver(Channel.TELEGRAM,
                        FlowRig.fixture("telegram", "message-text.json").replace("1441645532", "99999999999999")
                                .replace("\"message_id\":1365", "\"message_id\":1360")).getStatusCode())
                        .isEqualTo(200), 0, true),
                new Bad("a payload that is not a Telegram update", rig -> queueDirectly(rig, envelope(rig,
                        "{\"ok\":true,\"result\":[]}")), 0, true),
                new Bad("a record that is not an envelope", rig -> queueDirectly(rig, "{\"channel\":\"telegram\"}"), 0,
                        true));
    }

    private static String envelope(FlowRig rig, String payload) {
        UUID connection = UUID.fromString(rig.fx.one("SELECT id::text FROM channel_connections WHERE organization_id = ?"
                + " AND channel = 'telegram' AND status = 'active'", rig.org));
        return Json.write(Map.of("channel", "telegram", "connectionId", connection, "organizationId", rig.org,
                "customer", "1111111", "receivedAt", Instant.now(), "payload", payload));
    }

    /** A record in the customer's group put on the queue as it stands (as a bug or an old deployment would). */
    private static void queueDirectly(FlowRig rig, String body) {
        String connection = rig.fx.one("SELECT id::text FROM channel_connections WHERE organization_id = ?"
                + " AND channel = 'telegram' AND status = 'active'", rig.org);
        LocalAws.sqs().sendMessage(b -> b.queueUrl(rig.queueUrl).messageBody(body)
                .messageGroupId(connection + ":1111111").messageDeduplicationId(UUID.randomUUID().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFirsts")
    void aBadRecordDoesNotHoldTheCustomersNextMessage(Bad bad) {
        rig.connect(Channel.TELEGRAM);
        bad.arrive().accept(rig);
        assertThat(rig.deliver(Channel.TELEGRAM, FlowRig.fixture("telegram", "message-text.json")).getStatusCode())
                .isEqualTo(200);

        List<SQSMessage> batch = rig.receive();
        assertThat(batch).as("both in the customer's group, in order").hasSize(2);
        assertThat(batch).extracting(r -> r.getAttributes().get("MessageGroupId")).containsOnly(
                batch.get(0).getAttributes().get("MessageGroupId"));

        assertThat(rig.process(batch)).as("batch item failures").isEmpty();
        assertThat(rig.receive()).as("records left on the queue").isEmpty();

        assertThat(Rows.list("SELECT content FROM messages WHERE organization_id = ? AND external_id = '1111111:1365'",
                rig.org)).extracting(r -> r.get("content")).containsExactly("/start");
        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ?", rig.org))
                .isEqualTo(1 + bad.storedOfIt());
        List<S3Object> setAside = LocalAws.s3().listObjectsV2(b -> b.bucket(rig.bucket).prefix("inbound-rejected/"))
                .contents();
        assertThat(setAside).as("records set aside for a person to look at").hasSize(bad.setAside() ? 1 : 0);
        if (bad.setAside()) {
            JsonNode record = Rows.json(new String(rig.stored(setAside.get(0).key()), StandardCharsets.UTF_8));
            assertThat(record.path("reason").asText()).isNotBlank();
            assertThat(record.path("body").asText()).isNotBlank();
        }
    }
}
