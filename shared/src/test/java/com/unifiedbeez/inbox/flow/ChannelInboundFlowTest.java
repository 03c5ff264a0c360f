package com.unifiedbeez.inbox.flow;

import static com.unifiedbeez.inbox.channel.Channel.INSTAGRAM;
import static com.unifiedbeez.inbox.channel.Channel.MESSENGER;
import static com.unifiedbeez.inbox.channel.Channel.SMS;
import static com.unifiedbeez.inbox.channel.Channel.TELEGRAM;
import static com.unifiedbeez.inbox.channel.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.event.DomainEvents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4, "for every channel": each platform's documented payload (events/webhooks/{channel}, sources
 * in each folder's README) signed as the platform signs it, through API Gateway into the real webhook
 * adapter and intake, onto a real FIFO queue, received and normalized by the production normalizer
 * wiring, its media downloaded from a stand-in of the platform's API and stored in S3, and asserted
 * in PostgreSQL field by field.
 */
class ChannelInboundFlowTest {
    private FlowRig rig;

    @BeforeEach
    void start() {
        rig = new FlowRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A file the stored message must carry, and where the platform serves it. */
    record File(String fileName, String contentType, byte[] bytes) {
    }

    /**
     * One documented payload and what it must become. {@code sentAt} null: the platform gives no time
     * (Twilio), so the message is stamped when normalized.
     */
    record Case(String name, Channel channel, Function<FlowRig, String> body, Consumer<FlowRig> platform,
                String customer, String displayName, String phone, String type, String content, String externalId,
                Instant sentAt, String metadata, List<File> files, Consumer<List<RecordedRequest>> calls) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final byte[] JPEG = bytes("\u00ff\u00d8\u00ff\u00e0 a JPEG the customer sent");

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Function<FlowRig, String> fixture(String channel, String file) {
        return rig -> FlowRig.fixture(channel, file);
    }

    static Consumer<List<RecordedRequest>> noCalls() {
        return calls -> assertThat(calls).as("platform calls").isEmpty();
    }

    /** A new Messenger customer's name comes from the User Profile API, asked once with the page token. */
    static final String MESSENGER_PROFILE = "/graph/v23.0/6783948573829103?fields=first_name,last_name,profile_pic";
    /** A new Instagram customer's name comes from the Instagram User Profile API, likewise. */
    static final String INSTAGRAM_PROFILE = "/graph/v23.0/5482719348201933?fields=name,username,profile_pic";

    static void messengerProfile(FlowRig rig) {
        rig.standIn.json("GET", MESSENGER_PROFILE, """
                {"first_name":"Peter","last_name":"Chang","profile_pic":"https://scontent.example/p.jpg","id":"6783948573829103"}""");
    }

    static void instagramProfile(FlowRig rig) {
        rig.standIn.json("GET", INSTAGRAM_PROFILE, """
                {"name":"Ana Costa","username":"ana.costa","profile_pic":"https://scontent.example/a.jpg","id":"5482719348201933"}""");
    }

    static Consumer<List<RecordedRequest>> onlyTheProfile(String target, String token) {
        return calls -> {
            assertThat(calls).extracting(RecordedRequest::getTarget).containsExactly(target);
            assertThat(calls.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + token);
        };
    }

    static Stream<Case> cases() {
        String waText = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
        String waImage = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgB=";
        String igText = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTk1MDQ3MzE5OTM2MDYzNw==";
        String igReply = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTk1MDQ3MzE5OTM2MDYzNg==";
        String igMedia = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTk1MDQ3MzE5OTM2MDY0MA==";
        String twilioMedia = "/twilio/2010-04-01/Accounts/" + FlowRig.TWILIO_ACCOUNT_SID
                + "/Messages/MM1342fe1b2c904d1ab04f0fc7a58abca7/Media/ME1342fe1b2c904d1ab04f0fc7a58abca6";
        String smsGeo = "{\"fromCity\":\"SAN FRANCISCO\",\"fromState\":\"CA\",\"fromZip\":\"94105\",\"fromCountry\":\"US\","
                + "\"numSegments\":\"1\"}";
        return Stream.of(
                new Case("whatsapp text.json", WHATSAPP, fixture("whatsapp", "text.json"), rig -> { },
                        "16505551234", "Sheena Nelson", "+16505551234", "text", "Does it come in another color?", waText,
                        Instant.ofEpochSecond(1749416383), "{}", List.of(), noCalls()),
                // Media by id: GET /{media-id} gives a short-lived URL, fetched with the same token
                // (developers.facebook.com/docs/whatsapp/cloud-api/reference/media, "Retrieve Media URL").
                new Case("whatsapp image.json", WHATSAPP, fixture("whatsapp", "image.json"), rig -> {
                    rig.standIn.json("GET", "/graph/v23.0/2754859441498128", """
                            {"messaging_product":"whatsapp","url":"%s","mime_type":"image/jpeg",
                             "sha256":"81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3",
                             "file_size":"%d","id":"2754859441498128"}"""
                            .formatted(rig.url("/whatsapp_business/attachments/?mid=2754859441498128&source=getMedia"),
                                    JPEG.length));
                    rig.standIn.file("/whatsapp_business/attachments/?mid=2754859441498128&source=getMedia",
                            "image/jpeg", JPEG);
                }, "16505551234", "Sheena Nelson", "+16505551234", "image", "This one, in blue?", waImage,
                        Instant.ofEpochSecond(1749416412), "{}", List.of(new File("file-1", "image/jpeg", JPEG)),
                        calls -> {
                            assertThat(calls).extracting(RecordedRequest::getTarget).containsExactly(
                                    "/graph/v23.0/2754859441498128",
                                    "/whatsapp_business/attachments/?mid=2754859441498128&source=getMedia");
                            assertThat(calls).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization"))
                                    .isEqualTo("Bearer " + FlowRig.WHATSAPP_TOKEN));
                        }),
                new Case("messenger message-text.json", MESSENGER, fixture("messenger", "message-text.json"),
                        ChannelInboundFlowTest::messengerProfile,
                        "6783948573829103", "Peter Chang", null, "text", "hello, world!", "m_1457764197618:41d102a3e1ae206a38",
                        Instant.ofEpochMilli(1458692752478L),
                        "{\"replyTo\":\"m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU\"}", List.of(),
                        onlyTheProfile(MESSENGER_PROFILE, FlowRig.PAGE_TOKEN)),
                // The CDN URLs of the fixture now point at the stand-in; the fallback (a shared link) is no file.
                new Case("messenger message-attachments.json", MESSENGER, rig -> FlowRig.fixture("messenger",
                        "message-attachments.json").replaceAll(
                        "https://(scontent\\.xx\\.fbcdn\\.net|video\\.xx\\.fbcdn\\.net|cdn\\.fbsbx\\.com)/",
                        rig.url("/$1/")), rig -> {
                    messengerProfile(rig);
                    rig.standIn.file("/scontent.xx.fbcdn.net/v/t1.15752-9/photo_1.jpg", "image/jpeg", JPEG);
                    rig.standIn.file("/video.xx.fbcdn.net/v/t42.3356-2/clip.mp4", "video/mp4", bytes("an mp4 clip"));
                    rig.standIn.file("/cdn.fbsbx.com/v/t59.3654-21/audioclip-1518479195308.mp4", "audio/mp4",
                            bytes("a voice clip"));
                    rig.standIn.file("/cdn.fbsbx.com/v/t59.2708-21/invoice-2018.pdf", "application/pdf",
                            bytes("%PDF-1.4 invoice"));
                }, "6783948573829103", "Peter Chang", null, "image", null, "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c",
                        Instant.ofEpochMilli(1518479195308L), """
                        {"otherAttachments":[{"type":"fallback","payload":{"url":"https://www.example.com/shared-article",
                         "title":"A shared article"}}]}""",
                        List.of(new File("photo_1.jpg", "image/jpeg", JPEG),
                                new File("clip.mp4", "video/mp4", bytes("an mp4 clip")),
                                new File("audioclip-1518479195308.mp4", "audio/mp4", bytes("a voice clip")),
                                new File("invoice-2018.pdf", "application/pdf", bytes("%PDF-1.4 invoice"))),
                        calls -> {
                            assertThat(calls).hasSize(5);
                            // the media first (outside the transaction), then the new customer's profile
                            assertThat(calls.get(4).getTarget()).isEqualTo(MESSENGER_PROFILE);
                            assertThat(calls.get(4).getHeaders().get("Authorization")).isEqualTo("Bearer " + FlowRig.PAGE_TOKEN);
                            // signed CDN URLs: no token goes with them
                            assertThat(calls.subList(0, 4)).allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isNull());
                        }),
                new Case("instagram message-text.json", INSTAGRAM, fixture("instagram", "message-text.json"),
                        ChannelInboundFlowTest::instagramProfile,
                        "5482719348201933", "Ana Costa", null, "text", "Do you ship to Lisbon?", igText,
                        Instant.ofEpochMilli(1569262485349L), "{\"replyTo\":\"" + igReply + "\"}", List.of(),
                        onlyTheProfile(INSTAGRAM_PROFILE, FlowRig.INSTAGRAM_TOKEN)),
                new Case("instagram message-attachments.json", INSTAGRAM, rig -> FlowRig.fixture("instagram",
                        "message-attachments.json").replace("https://lookaside.fbsbx.com/", rig.url("/lookaside.fbsbx.com/")),
                        rig -> {
                            instagramProfile(rig);
                            rig.standIn.file("/lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901234&signature=AbCdEf",
                                    "image/jpeg", JPEG);
                            rig.standIn.file("/lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901235&signature=GhIjKl",
                                    "video/mp4", bytes("an instagram video"));
                        }, "5482719348201933", "Ana Costa", null, "image", null, igMedia, Instant.ofEpochMilli(1569262485349L), "{}",
                        List.of(new File("file-1", "image/jpeg", JPEG),
                                new File("file-2", "video/mp4", bytes("an instagram video"))),
                        calls -> assertThat(calls).extracting(RecordedRequest::getTarget).containsExactly(
                                "/lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901234&signature=AbCdEf",
                                "/lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901235&signature=GhIjKl",
                                INSTAGRAM_PROFILE)),
                new Case("telegram message-text.json", TELEGRAM, fixture("telegram", "message-text.json"), rig -> { },
                        "1111111", "Test Firstname Test Lastname", null, "text", "/start", "1111111:1365",
                        Instant.ofEpochSecond(1441645532), "{}", List.of(), noCalls()),
                // getFile gives a file_path, downloaded from /file/bot<token>/<file_path> (core.telegram.org/bots/api#getfile)
                new Case("telegram message-photo.json", TELEGRAM, fixture("telegram", "message-photo.json"), rig -> {
                    rig.standIn.json("POST", "/telegram/bot" + FlowRig.BOT_TOKEN + "/getFile", """
                            {"ok":true,"result":{"file_id":"AgACAgQAAxkBAAIBZ2XlargeXXXXXXXXXXXX","file_unique_id":"AQADlarge",
                             "file_size":97211,"file_path":"photos/file_7.jpg"}}""");
                    rig.standIn.file("/telegram/file/bot" + FlowRig.BOT_TOKEN + "/photos/file_7.jpg", "image/jpeg", JPEG);
                }, "1111111", "Test Firstname Test Lastname", null, "image", "Here is the receipt", "1111111:1366",
                        Instant.ofEpochSecond(1441645600), "{}", List.of(new File("file_7.jpg", "image/jpeg", JPEG)),
                        calls -> {
                            assertThat(calls).extracting(RecordedRequest::getMethod).containsExactly("POST", "GET");
                            // the largest of the photo's sizes
                            assertThat(Rows.json(calls.get(0).getBody().utf8()).path("file_id").asText())
                                    .isEqualTo("AgACAgQAAxkBAAIBZ2XlargeXXXXXXXXXXXX");
                        }),
                new Case("sms inbound-sms.txt", SMS, fixture("sms", "inbound-sms.txt"), rig -> { },
                        "+15558675310", null, "+15558675310", "text", "Hello! Is my order on its way?",
                        "SM1342fe1b2c904d1ab04f0fc7a58abca8", null, smsGeo, List.of(), noCalls()),
                new Case("sms inbound-mms.txt", SMS, rig -> FlowRig.fixture("sms", "inbound-mms.txt").replace(
                        "https%3A%2F%2Fapi.twilio.com", URLEncoder.encode(rig.url("/twilio"), StandardCharsets.UTF_8)),
                        rig -> rig.standIn.file(twilioMedia, "image/jpeg", JPEG),
                        "+15558675310", null, "+15558675310", "image", null, "MM1342fe1b2c904d1ab04f0fc7a58abca7", null,
                        smsGeo, List.of(new File("ME1342fe1b2c904d1ab04f0fc7a58abca6", "image/jpeg", JPEG)),
                        calls -> {
                            assertThat(calls).extracting(RecordedRequest::getTarget).containsExactly(twilioMedia);
                            // HTTP basic auth with the account SID and auth token (Twilio's media access)
                            assertThat(calls.get(0).getHeaders().get("Authorization")).isEqualTo("Basic "
                                    + Base64.getEncoder().encodeToString((FlowRig.TWILIO_ACCOUNT_SID + ":"
                                    + FlowRig.TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDocumentedPayloadIsStoredOnceFieldByField(Case c) {
        UUID connection = rig.connect(c.channel());
        c.platform().accept(rig);
        String body = c.body().apply(rig);

        APIGatewayV2HTTPResponse answer = rig.deliver(c.channel(), body);

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
        if (c.channel() == SMS) {
            assertThat(answer.getHeaders().get("content-type")).startsWith("text/xml");
            assertThat(answer.getBody()).contains("<Response></Response>");
        } else {
            assertThat(Rows.json(answer.getBody()).path("received").asInt()).isEqualTo(1);
        }

        // one envelope on the FIFO queue, in the conversation's group
        List<SQSMessage> records = rig.receive();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getAttributes().get("MessageGroupId")).isEqualTo(connection + ":" + c.customer());
        JsonNode envelope = Rows.json(records.get(0).getBody());
        assertThat(envelope.path("channel").asText()).isEqualTo(c.channel().wireName());
        assertThat(envelope.path("connectionId").asText()).isEqualTo(connection.toString());
        assertThat(envelope.path("organizationId").asText()).isEqualTo(rig.org.toString());
        assertThat(envelope.path("customer").asText()).isEqualTo(c.customer());

        Instant before = Instant.now();
        assertThat(rig.process(records)).as("batch item failures").isEmpty();
        Instant after = Instant.now();
        assertThat(rig.receive()).as("the queue after the batch").isEmpty();

        // contact and identity
        Map<String, Object> identity = Rows.one("SELECT * FROM contact_identities WHERE organization_id = ?", rig.org);
        assertThat(identity).containsEntry("channel", c.channel().wireName()).containsEntry("identifier", c.customer())
                .containsEntry("display_name", c.displayName()).containsEntry("channel_connection_id", connection);
        Map<String, Object> contact = Rows.one("SELECT * FROM contacts WHERE organization_id = ?", rig.org);
        assertThat(contact).containsEntry("id", identity.get("contact_id")).containsEntry("name", c.displayName())
                .containsEntry("phone", c.phone()).containsEntry("email", null);

        // the message
        Map<String, Object> message = Rows.one("SELECT * FROM messages WHERE organization_id = ?", rig.org);
        assertThat(message).containsEntry("channel_connection_id", connection).containsEntry("direction", "inbound")
                .containsEntry("sender_type", "contact").containsEntry("sender_user_id", null)
                .containsEntry("message_type", c.type()).containsEntry("content", c.content())
                .containsEntry("external_id", c.externalId()).containsEntry("status", null)
                .containsEntry("deleted_at", null);
        Instant stamped = (Instant) message.get("platform_timestamp");
        if (c.sentAt() != null) {
            assertThat(stamped).isEqualTo(c.sentAt());
        } else {
            assertThat(stamped).isBetween(before, after);
        }
        assertThat(Rows.json(message.get("metadata"))).isEqualTo(Rows.json(c.metadata()));

        // its conversation: new, on this connection, with the message as its latest activity
        Map<String, Object> conversation = Rows.one("SELECT * FROM conversations WHERE organization_id = ?", rig.org);
        assertThat(conversation).containsEntry("id", message.get("conversation_id"))
                .containsEntry("contact_id", identity.get("contact_id")).containsEntry("channel", c.channel().wireName())
                .containsEntry("channel_connection_id", connection).containsEntry("status", "new")
                .containsEntry("last_inbound_at", stamped).containsEntry("last_message_at", stamped);

        // the files, in the bucket byte for byte
        List<Map<String, Object>> attachments = Rows.list(
                "SELECT * FROM attachments WHERE organization_id = ? ORDER BY s3_key", rig.org);
        assertThat(attachments).hasSize(c.files().size());
        for (int i = 0; i < c.files().size(); i++) {
            File expected = c.files().get(i);
            Map<String, Object> row = attachments.get(i);
            assertThat(row).as("attachment " + (i + 1)).containsEntry("message_id", message.get("id"))
                    .containsEntry("conversation_id", message.get("conversation_id"))
                    .containsEntry("file_name", expected.fileName()).containsEntry("content_type", expected.contentType())
                    .containsEntry("size_bytes", (long) expected.bytes().length).containsEntry("status", "uploaded");
            assertThat((String) row.get("s3_key")).startsWith("inbound/" + rig.org + "/" + connection + "/")
                    .endsWith("/" + i + "-" + expected.fileName());
            assertThat(rig.stored((String) row.get("s3_key"))).isEqualTo(expected.bytes());
        }
        c.calls().accept(rig.requests());

        // the realtime events, in order
        List<Map<String, Object>> events = Rows.list("SELECT name, payload FROM domain_events WHERE organization_id = ?"
                + " ORDER BY id", rig.org);
        assertThat(events).extracting(e -> e.get("name"))
                .containsExactly(DomainEvents.CONVERSATION_NEW, DomainEvents.MESSAGE_RECEIVED);
        JsonNode created = Rows.json(events.get(0).get("payload"));
        assertThat(created.path("conversation").path("id").asText()).isEqualTo(conversation.get("id").toString());
        assertThat(created.path("contact").path("id").asText()).isEqualTo(contact.get("id").toString());
        JsonNode received = Rows.json(events.get(1).get("payload"));
        assertThat(received.path("conversationId").asText()).isEqualTo(conversation.get("id").toString());
        assertThat(received.path("message").path("id").asText()).isEqualTo(message.get("id").toString());
        assertThat(received.path("message").path("attachments")).hasSize(c.files().size());
    }
}
