package com.unifiedbeez.inbox.channel.whatsapp;

import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.CUSTOMER;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.TOKEN;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.connection;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppInboundTest {
    static final Customer SHEENA = new Customer(CUSTOMER, "Sheena Nelson", "+16505551234", null);

    final ChannelConnection support = connection(PHONE_NUMBER_ID);
    MockWebServer graph;
    WhatsAppInbound inbound;

    @BeforeEach
    void start() throws IOException {
        graph = new MockWebServer();
        graph.start();
        inbound = new WhatsAppInbound(Config.of(Map.of(PlatformEndpoints.GRAPH_API_URL, graph.url("/v23.0").toString())),
                new PlatformHttp());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    private InboundMessage onlyMessage(String fixture) {
        List<InboundEvent> events = inbound.normalizeIncoming(support, fixture(fixture));
        assertThat(events).hasSize(1).first().isInstanceOf(InboundMessage.class);
        return (InboundMessage) events.get(0);
    }

    private StatusReport onlyStatus(String fixture) {
        List<InboundEvent> events = inbound.normalizeIncoming(support, fixture(fixture));
        assertThat(events).hasSize(1).first().isInstanceOf(StatusReport.class);
        return (StatusReport) events.get(0);
    }

    @Test
    void text() {
        InboundMessage m = onlyMessage("text.json");

        assertThat(m.externalId()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
        assertThat(m.from()).isEqualTo(SHEENA);
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416383L));
        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isEqualTo("Does it come in another color?");
        assertThat(m.metadata().isEmpty()).isTrue();
        assertThat(m.media()).isEmpty();
        assertThat(m.replyTo()).isNull();
        assertThat(m.references()).isEmpty();
    }

    @Test
    void imageWithCaption() {
        InboundMessage m = onlyMessage("image.json");

        assertThat(m.type()).isEqualTo(MessageType.IMAGE);
        assertThat(m.from()).isEqualTo(SHEENA);
        assertThat(m.sentAt()).isEqualTo(Instant.ofEpochSecond(1749416412L));
        assertThat(m.text()).isEqualTo("This one, in blue?");
        assertThat(m.media()).containsExactly(new InboundMedia("2754859441498128", "image/jpeg", null, null));
    }

    @Test
    void stickerAndDocument() {
        InboundMessage sticker = onlyMessage("sticker.json");
        assertThat(sticker.type()).isEqualTo(MessageType.STICKER);
        assertThat(sticker.text()).isNull();
        assertThat(sticker.media()).containsExactly(new InboundMedia("1228514968609217", "image/webp", null, null));

        InboundMessage document = onlyMessage("document.json");
        assertThat(document.type()).isEqualTo(MessageType.DOCUMENT);
        assertThat(document.text()).isEqualTo("My order");
        assertThat(document.media()).containsExactly(
                new InboundMedia("1003383421387256", "application/pdf", "order-4711.pdf", null));
    }

    @Test
    void voiceNote() {
        String payload = fixture("text.json").replace("\"type\": \"text\",\n                \"text\": {\n                  \"body\": \"Does it come in another color?\"\n                }",
                "\"type\": \"audio\", \"audio\": {\"mime_type\": \"audio/ogg; codecs=opus\", \"sha256\": \"ab12\", \"id\": \"1577219196507349\", \"voice\": true}");
        assertThat(payload).contains("\"voice\": true");

        InboundMessage m = (InboundMessage) inbound.normalizeIncoming(support, payload).get(0);

        assertThat(m.type()).isEqualTo(MessageType.AUDIO);
        assertThat(m.text()).isNull();
        assertThat(m.media()).containsExactly(new InboundMedia("1577219196507349", "audio/ogg; codecs=opus", null, null));
        assertThat(m.metadata().path("voice").asBoolean()).isTrue();
    }

    @Test
    void location() {
        InboundMessage m = onlyMessage("location.json");

        assertThat(m.type()).isEqualTo(MessageType.LOCATION);
        assertThat(m.text()).isEqualTo("Philz Coffee");
        JsonNode location = m.metadata().path("location");
        assertThat(location.path("latitude").asDouble()).isEqualTo(37.44216251868683);
        assertThat(location.path("longitude").asDouble()).isEqualTo(-122.16153582049394);
        assertThat(location.path("name").asText()).isEqualTo("Philz Coffee");
        assertThat(location.path("address").asText()).isEqualTo("101 Forest Ave, Palo Alto, CA 94301");
        assertThat(m.media()).isEmpty();
    }

    @Test
    void contactCard() {
        InboundMessage m = onlyMessage("contacts.json");

        assertThat(m.type()).isEqualTo(MessageType.CONTACTS);
        assertThat(m.text()).isEqualTo("Barbara J. Johnson");
        assertThat(m.metadata().path("contacts").get(0).path("phones").get(0).path("wa_id").asText()).isEqualTo("19405551234");
    }

    @Test
    void replyButtonAnswer() {
        InboundMessage m = onlyMessage("interactive-button-reply.json");

        assertThat(m.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(m.text()).isEqualTo("button-text");
        assertThat(m.metadata().path("interactive").path("type").asText()).isEqualTo("button_reply");
        assertThat(m.metadata().path("interactive").path("id").asText()).isEqualTo("unique-button-identifier-here");
        assertThat(m.metadata().path("interactive").path("title").asText()).isEqualTo("button-text");
        assertThat(m.replyTo()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkJBMzA2NjIyRDNEMEUzNTYA");
        assertThat(m.from()).isEqualTo(SHEENA);
    }

    @Test
    void listAnswer() {
        InboundMessage m = onlyMessage("interactive-list-reply.json");

        assertThat(m.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(m.text()).isEqualTo("list_reply_title");
        assertThat(m.metadata().path("interactive").path("type").asText()).isEqualTo("list_reply");
        assertThat(m.metadata().path("interactive").path("id").asText()).isEqualTo("list_reply_id");
        assertThat(m.metadata().path("interactive").path("description").asText()).isEqualTo("list_reply_description");
        assertThat(m.replyTo()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGQzZBNUI5RDY5QTRCQjE0NEMA");
    }

    @Test
    void templateQuickReplyButton() {
        InboundMessage m = onlyMessage("button-quick-reply.json");

        assertThat(m.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(m.text()).isEqualTo("No");
        assertThat(m.metadata().path("interactive").path("type").asText()).isEqualTo("button");
        assertThat(m.metadata().path("interactive").path("payload").asText()).isEqualTo("No-Button-Payload");
        assertThat(m.replyTo()).isEqualTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBIyQjdCRjY0OEUwNzBDNzY2QkQA");
    }

    @Test
    void reaction() {
        List<InboundEvent> events = inbound.normalizeIncoming(support, fixture("reaction.json"));

        assertThat(events).containsExactly(new Reaction("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkJBMzA2NjIyRDNEMEUzNTYA",
                SHEENA, "👍", Instant.ofEpochSecond(1749416600L)));
    }

    @Test
    void unsupportedIsKeptNotAnError() {
        InboundMessage m = onlyMessage("unsupported.json");

        assertThat(m.type()).isEqualTo(MessageType.UNSUPPORTED);
        assertThat(m.text()).isNull();
        assertThat(m.metadata().path("whatsappType").asText()).isEqualTo("unsupported");
        assertThat(m.metadata().path("errors").get(0).path("code").asInt()).isEqualTo(131051);

        String future = fixture("text.json").replace("\"type\": \"text\"", "\"type\": \"hologram\"");
        InboundMessage unknown = (InboundMessage) inbound.normalizeIncoming(support, future).get(0);
        assertThat(unknown.type()).isEqualTo(MessageType.UNSUPPORTED);
        assertThat(unknown.metadata().path("whatsappType").asText()).isEqualTo("hologram");
    }

    @Test
    void statuses() {
        assertThat(onlyStatus("status-sent.json")).isEqualTo(new StatusReport(
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkJBMzA2NjIyRDNEMEUzNTYA", CUSTOMER, MessageStatus.SENT,
                Instant.ofEpochSecond(1749416700L), null, null));
        assertThat(onlyStatus("status-delivered.json")).isEqualTo(new StatusReport(
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkJBMzA2NjIyRDNEMEUzNTYA", CUSTOMER, MessageStatus.DELIVERED,
                Instant.ofEpochSecond(1749416702L), null, null));
        assertThat(onlyStatus("status-read.json")).isEqualTo(new StatusReport(
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkJBMzA2NjIyRDNEMEUzNTYA", CUSTOMER, MessageStatus.READ,
                Instant.ofEpochSecond(1749416760L), null, null));
    }

    @Test
    void failedStatusCarriesMetasCodeAndText() {
        assertThat(onlyStatus("status-failed.json")).isEqualTo(new StatusReport(
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBIyQjdCRjY0OEUwNzBDNzY2QkQA", CUSTOMER, MessageStatus.FAILED,
                Instant.ofEpochSecond(1749503200L), "131047",
                "Re-engagement message: Message failed to send because more than 24 hours have passed since the"
                        + " customer last replied to this number."));
    }

    @Test
    void aNotificationOfSeveralMessagesKeepsTheirOrder() {
        String payload = """
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
                  "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                  "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
                  "messages":[{"from":"16505551234","id":"wamid.1","timestamp":"1749416383","type":"text","text":{"body":"one"}},
                              {"from":"16505551234","id":"wamid.2","timestamp":"1749416384","type":"text","text":{"body":"two"}}],
                  "statuses":[{"id":"wamid.OUT","status":"deleted","timestamp":"1749416385","recipient_id":"16505551234"}]}}]}]}
                """;

        List<InboundEvent> events = inbound.normalizeIncoming(support, payload);

        assertThat(events).extracting(e -> ((InboundMessage) e).text()).containsExactly("one", "two");
        assertThat(events).extracting(e -> ((InboundMessage) e).from().displayName())
                .containsExactly("Sheena Nelson", "Sheena Nelson");
    }

    @Test
    void aPayloadOfAnotherFormatIsRefused() {
        assertThatThrownBy(() -> inbound.normalizeIncoming(support, "ToCountry=US&Body=hi"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbound.normalizeIncoming(support, "{\"object\":\"instagram\",\"entry\":[]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchMediaResolvesTheIdThenDownloadsWithTheToken() throws Exception {
        String fileUrl = graph.url("/whatsapp_business/attachments/?mid=2754859441498128&ext=1749416412&hash=ATuX").toString();
        graph.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body("""
                {"messaging_product":"whatsapp","url":"%s","mime_type":"image/jpeg",
                 "sha256":"81d3bd8a8db4868c9520ed47186e8b7c5789e61ff79f7f834be6950b808a90d3","file_size":"303833","id":"2754859441498128"}
                """.formatted(fileUrl)).build());
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'};
        graph.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "image/jpeg")
                .body(new okio.Buffer().write(jpeg)).build());

        MediaContent content = inbound.fetchMedia(support, new InboundMedia("2754859441498128", "image/jpeg", null, null));

        assertThat(content.bytes()).isEqualTo(jpeg);
        assertThat(content.contentType()).isEqualTo("image/jpeg");
        assertThat(content.fileName()).isNull();
        RecordedRequest info = graph.takeRequest();
        assertThat(info.getMethod()).isEqualTo("GET");
        assertThat(info.getTarget()).isEqualTo("/v23.0/2754859441498128");
        assertThat(info.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        RecordedRequest download = graph.takeRequest();
        assertThat(download.getMethod()).isEqualTo("GET");
        assertThat(download.getTarget()).isEqualTo("/whatsapp_business/attachments/?mid=2754859441498128&ext=1749416412&hash=ATuX");
        assertThat(download.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void theTokenDoesNotFollowTheMediaUrlToAnotherHost() throws Exception {
        try (MockWebServer cdn = new MockWebServer()) {
            cdn.start();
            graph.enqueue(new MockResponse.Builder().code(200).body("{\"url\":\"" + graph.url("/whatsapp_business/attachments/?mid=1")
                    + "\",\"mime_type\":\"audio/ogg\"}").build());
            graph.enqueue(new MockResponse.Builder().code(302).setHeader("Location", cdn.url("/v/voice.ogg?sig=x").toString()).build());
            cdn.enqueue(new MockResponse.Builder().code(200).body("OggS").build());

            MediaContent content = inbound.fetchMedia(support, new InboundMedia("1", "audio/ogg", null, null));

            assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("OggS");
            graph.takeRequest();
            assertThat(graph.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(cdn.takeRequest().getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void aMediaIdMetaNoLongerKnowsIsUnavailableForGood() {
        graph.enqueue(new MockResponse.Builder().code(404).body("""
                {"error":{"message":"Unsupported get request. Object with ID '123' does not exist","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbC"}}
                """).build());
        assertThatThrownBy(() -> inbound.fetchMedia(support, new InboundMedia("123", "image/jpeg", null, null)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason())
                        .isEqualTo("WhatsApp no longer has this media (HTTP 404, Graph API 100/33): expired or deleted"))
                .hasMessageNotContaining(TOKEN);
        // what the Graph API answers for an expired media id: 400 "object does not exist"
        graph.enqueue(new MockResponse.Builder().code(400).body("""
                {"error":{"message":"Unsupported get request. Object with ID '124' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api","type":"GraphMethodException","code":100,"error_subcode":33,"fbtrace_id":"AbD"}}
                """).build());
        assertThatThrownBy(() -> inbound.fetchMedia(support, new InboundMedia("124", "image/jpeg", null, null)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason()).contains("HTTP 400, Graph API 100/33"));
    }

    @Test
    void fetchMediaFailuresAreIoExceptionsWithoutTheToken() {
        // issue 8: a refusal is the same on every try: the message is stored without the file, its reason noted
        graph.enqueue(new MockResponse.Builder().code(401).body("""
                {"error":{"message":"Error validating access token: Session has expired","type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AbE"}}
                """).build());
        assertThatThrownBy(() -> inbound.fetchMedia(support, new InboundMedia("123", "image/jpeg", null, null)))
                .isInstanceOf(MediaUnavailable.class)
                .hasMessageContaining("401").hasMessageContaining("190/463").hasMessageNotContaining(TOKEN);
        graph.enqueue(new MockResponse.Builder().code(500).body("""
                {"error":{"message":"An unknown error has occurred.","type":"OAuthException","code":1,"fbtrace_id":"AbF"}}
                """).build());
        assertThatThrownBy(() -> inbound.fetchMedia(support, new InboundMedia("123", "image/jpeg", null, null)))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class).hasMessageContaining("500");

        graph.enqueue(new MockResponse.Builder().code(200).body("{\"url\":\"" + graph.url("/file") + "\",\"mime_type\":\"application/pdf\"}").build());
        graph.enqueue(new MockResponse.Builder().code(500).body("oops").build());
        assertThatThrownBy(() -> inbound.fetchMedia(support, new InboundMedia("456", "application/pdf", "a.pdf", null)))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class)
                .hasMessageContaining("500").hasMessageNotContaining(TOKEN);
    }

    @Test
    void documentKeepsItsFileName() throws Exception {
        graph.enqueue(new MockResponse.Builder().code(200).body("{\"url\":\"" + graph.url("/file") + "\",\"mime_type\":\"application/pdf\"}").build());
        graph.enqueue(new MockResponse.Builder().code(200).body("%PDF-1.7").build());

        MediaContent content = inbound.fetchMedia(support,
                new InboundMedia("1003383421387256", "application/pdf", "order-4711.pdf", null));

        assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.7");
        assertThat(content.contentType()).isEqualTo("application/pdf");
        assertThat(content.fileName()).isEqualTo("order-4711.pdf");
    }
}
