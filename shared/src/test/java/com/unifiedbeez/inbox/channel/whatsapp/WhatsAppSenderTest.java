package com.unifiedbeez.inbox.channel.whatsapp;

import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.CUSTOMER;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.TOKEN;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.connection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppSenderTest {
    /** The documented success answer of POST /{phone-number-id}/messages. */
    static final String ACCEPTED = """
            {"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
             "messages":[{"id":"wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA","message_status":"accepted"}]}
            """;
    static final String NOT_ALLOWED = """
            {"error":{"message":"(#131030) Recipient phone number not in allowed list","type":"OAuthException","code":131030,
             "error_data":{"messaging_product":"whatsapp","details":"Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."},
             "error_subcode":2655007,"fbtrace_id":"Az8or2yhqkZfEZ-_4Qn_Bam"}}
            """;
    static final String PRESIGNED = "https://media.example.com/org/conv/att.jpg?X-Amz-Signature=abc";

    final ChannelConnection support = connection(PHONE_NUMBER_ID);
    MockWebServer graph;
    WhatsAppSender sender;

    @BeforeEach
    void start() throws IOException {
        graph = new MockWebServer();
        graph.start();
        sender = senderAt(graph.url("/v23.0").toString());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    static WhatsAppSender senderAt(String graphUrl) {
        return new WhatsAppSender(Config.of(Map.of(PlatformEndpoints.GRAPH_API_URL, graphUrl)), new PlatformHttp());
    }

    static OutboundMessage message(MessageType type, String text, ObjectNode metadata, List<Media> media) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), type, text, metadata,
                new Recipient(CUSTOMER, "Sheena Nelson"), media, null, null);
    }

    static OutboundMessage text(String text) {
        return message(MessageType.TEXT, text, Json.mapper().createObjectNode(), List.of());
    }

    static Media media(String contentType, String fileName) {
        return new Media(PRESIGNED, "org/conv/att", contentType, fileName, 1234);
    }

    private JsonNode body(OutboundMessage message) {
        return sender.normalizeOutgoing(support, message);
    }

    private static void assertEnvelope(JsonNode body, String type) {
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("recipient_type").asText()).isEqualTo("individual");
        assertThat(body.path("to").asText()).isEqualTo(CUSTOMER);
        assertThat(body.path("type").asText()).isEqualTo(type);
    }

    @Test
    void textMessage() {
        JsonNode body = body(text("Yes, in blue and green."));

        assertEnvelope(body, "text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Yes, in blue and green.");
        assertThat(body.path("text").path("preview_url").isBoolean()).isTrue();
        assertThat(body.path("text").path("preview_url").asBoolean()).isFalse();
        assertThat(body.size()).isEqualTo(5);
    }

    @Test
    void mediaByLinkWithCaptionAndFileName() {
        JsonNode image = body(message(MessageType.IMAGE, "The blue one", Json.mapper().createObjectNode(),
                List.of(media("image/jpeg", "blue.jpg"))));
        assertEnvelope(image, "image");
        assertThat(image.path("image").path("link").asText()).isEqualTo(PRESIGNED);
        assertThat(image.path("image").path("caption").asText()).isEqualTo("The blue one");
        assertThat(image.path("image").has("filename")).isFalse();

        JsonNode document = body(message(MessageType.DOCUMENT, "Your invoice", Json.mapper().createObjectNode(),
                List.of(media("application/pdf", "invoice-88.pdf"))));
        assertEnvelope(document, "document");
        assertThat(document.path("document").path("link").asText()).isEqualTo(PRESIGNED);
        assertThat(document.path("document").path("caption").asText()).isEqualTo("Your invoice");
        assertThat(document.path("document").path("filename").asText()).isEqualTo("invoice-88.pdf");

        JsonNode video = body(message(MessageType.VIDEO, null, Json.mapper().createObjectNode(), List.of(media("video/mp4", "v.mp4"))));
        assertEnvelope(video, "video");
        assertThat(video.path("video").path("link").asText()).isEqualTo(PRESIGNED);
        assertThat(video.path("video").has("caption")).isFalse();

        JsonNode audio = body(message(MessageType.AUDIO, null, Json.mapper().createObjectNode(), List.of(media("audio/mpeg", "a.mp3"))));
        assertEnvelope(audio, "audio");
        assertThat(audio.path("audio").path("link").asText()).isEqualTo(PRESIGNED);

        JsonNode sticker = body(message(MessageType.IMAGE, null, Json.mapper().createObjectNode(), List.of(media("image/webp", "s.webp"))));
        assertEnvelope(sticker, "sticker");
        assertThat(sticker.path("sticker").path("link").asText()).isEqualTo(PRESIGNED);
    }

    @Test
    void textWithAnAttachmentBecomesItsCaption() {
        JsonNode body = body(message(MessageType.TEXT, "see attached", Json.mapper().createObjectNode(),
                List.of(media("application/pdf", "terms.pdf"))));

        assertEnvelope(body, "document");
        assertThat(body.path("document").path("caption").asText()).isEqualTo("see attached");
        assertThat(body.has("text")).isFalse();
    }

    @Test
    void whatWhatsAppCannotCarryIsRefused() {
        ObjectNode none = Json.mapper().createObjectNode();
        assertThatThrownBy(() -> body(message(MessageType.IMAGE, "two", none,
                List.of(media("image/jpeg", "a.jpg"), media("image/png", "b.png")))))
                .isInstanceOf(WhatsAppSender.Unsendable.class).hasMessageContaining("one attachment");
        assertThatThrownBy(() -> body(message(MessageType.AUDIO, "a caption", none, List.of(media("audio/mpeg", "a.mp3")))))
                .isInstanceOf(WhatsAppSender.Unsendable.class).hasMessageContaining("caption");
        assertThatThrownBy(() -> body(message(MessageType.IMAGE, null, none, List.of())))
                .isInstanceOf(WhatsAppSender.Unsendable.class);
        assertThatThrownBy(() -> body(message(MessageType.HTML, "<p>hi</p>", none, List.of())))
                .isInstanceOf(WhatsAppSender.Unsendable.class);
    }

    @Test
    void locationMessage() {
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.putObject("location").put("latitude", 37.44216251868683).put("longitude", -122.16153582049394)
                .put("name", "Philz Coffee").put("address", "101 Forest Ave, Palo Alto, CA 94301");

        JsonNode body = body(message(MessageType.LOCATION, null, metadata, List.of()));

        assertEnvelope(body, "location");
        JsonNode location = body.path("location");
        assertThat(location.path("latitude").asDouble()).isEqualTo(37.44216251868683);
        assertThat(location.path("longitude").asDouble()).isEqualTo(-122.16153582049394);
        assertThat(location.path("name").asText()).isEqualTo("Philz Coffee");
        assertThat(location.path("address").asText()).isEqualTo("101 Forest Ave, Palo Alto, CA 94301");
    }

    @Test
    void templateWithPositionalParametersInNumberOrder() {
        // as MessageDrafts.template stores it: params in order of appearance in the template text
        ObjectNode metadata = Json.mapper().createObjectNode();
        ObjectNode template = metadata.putObject("template").put("id", UUID.randomUUID().toString())
                .put("name", "order_update").put("language", "en_US");
        template.putObject("params").put("2", "#4711").put("1", "Sheena");

        JsonNode body = body(message(MessageType.TEMPLATE, "Order #4711 for Sheena has shipped", metadata, List.of()));

        assertEnvelope(body, "template");
        JsonNode out = body.path("template");
        assertThat(out.path("name").asText()).isEqualTo("order_update");
        assertThat(out.path("language").path("code").asText()).isEqualTo("en_US");
        assertThat(out.path("components")).hasSize(1);
        JsonNode component = out.path("components").get(0);
        assertThat(component.path("type").asText()).isEqualTo("body");
        assertThat(component.path("parameters")).hasSize(2);
        assertThat(component.path("parameters").get(0).path("type").asText()).isEqualTo("text");
        assertThat(component.path("parameters").get(0).path("text").asText()).isEqualTo("Sheena");
        assertThat(component.path("parameters").get(0).has("parameter_name")).isFalse();
        assertThat(component.path("parameters").get(1).path("text").asText()).isEqualTo("#4711");
    }

    @Test
    void templateWithNamedParameters() {
        ObjectNode metadata = Json.mapper().createObjectNode();
        ObjectNode template = metadata.putObject("template").put("name", "welcome").put("language", "de");
        template.putObject("params").put("first_name", "Sheena").put("order_id", "4711");

        JsonNode parameters = body(message(MessageType.TEMPLATE, "Hallo Sheena", metadata, List.of()))
                .path("template").path("components").get(0).path("parameters");

        assertThat(parameters).hasSize(2);
        assertThat(parameters.get(0).path("type").asText()).isEqualTo("text");
        assertThat(parameters.get(0).path("parameter_name").asText()).isEqualTo("first_name");
        assertThat(parameters.get(0).path("text").asText()).isEqualTo("Sheena");
        assertThat(parameters.get(1).path("parameter_name").asText()).isEqualTo("order_id");
        assertThat(parameters.get(1).path("text").asText()).isEqualTo("4711");
    }

    @Test
    void templateWithoutParametersHasNoComponents() {
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.putObject("template").put("name", "hello_world").put("language", "en_US").putObject("params");

        JsonNode template = body(message(MessageType.TEMPLATE, "Hello World", metadata, List.of())).path("template");

        assertThat(template.path("name").asText()).isEqualTo("hello_world");
        assertThat(template.path("language").path("code").asText()).isEqualTo("en_US");
        assertThat(template.has("components")).isFalse();
    }

    @Test
    void replyButtons() {
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.putObject("interactive").putArray("buttons")
                .add(Json.mapper().createObjectNode().put("id", "change-button").put("title", "Change"))
                .add(Json.mapper().createObjectNode().put("id", "cancel-button").put("title", "Cancel"));

        JsonNode body = body(message(MessageType.INTERACTIVE, "Change or cancel your appointment?", metadata, List.of()));

        assertEnvelope(body, "interactive");
        JsonNode interactive = body.path("interactive");
        assertThat(interactive.path("type").asText()).isEqualTo("button");
        assertThat(interactive.path("body").path("text").asText()).isEqualTo("Change or cancel your appointment?");
        JsonNode buttons = interactive.path("action").path("buttons");
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(0).path("type").asText()).isEqualTo("reply");
        assertThat(buttons.get(0).path("reply").path("id").asText()).isEqualTo("change-button");
        assertThat(buttons.get(0).path("reply").path("title").asText()).isEqualTo("Change");
        assertThat(buttons.get(1).path("reply").path("id").asText()).isEqualTo("cancel-button");
        assertThat(buttons.get(1).path("reply").path("title").asText()).isEqualTo("Cancel");
    }

    @Test
    void acceptedSendReturnsTheWamid() throws Exception {
        graph.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(ACCEPTED).build());

        SendOutcome outcome = sender.send(support, text("Yes, in blue and green."));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"));
        RecordedRequest request = graph.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/v23.0/" + PHONE_NUMBER_ID + "/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        JsonNode body = Json.mapper().readTree(request.getBody().utf8());
        assertEnvelope(body, "text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Yes, in blue and green.");
        assertThat(body.path("text").path("preview_url").asBoolean(true)).isFalse();
    }

    @Test
    void aPermanentErrorIsRejectedWithMetasCodeAndText() {
        graph.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json").body(NOT_ALLOWED).build());

        SendOutcome outcome = sender.send(support, text("hi"));

        assertThat(outcome).isEqualTo(new SendOutcome.Rejected("131030", "(#131030) Recipient phone number not in allowed list: "
                + "Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again."));
    }

    @Test
    void anInvalidTokenIsRejectedWithoutShowingIt() {
        graph.enqueue(new MockResponse.Builder().code(401).body("""
                {"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"A1"}}
                """).build());

        SendOutcome outcome = sender.send(support, text("hi"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo("190");
            assertThat(r.reason()).contains("Invalid OAuth access token").doesNotContain(TOKEN);
        });
    }

    @Test
    void serverErrorsAreRetried() {
        graph.enqueue(new MockResponse.Builder().code(500).body("""
                {"error":{"message":"An unknown error has occurred.","type":"OAuthException","code":1,"fbtrace_id":"A2"}}
                """).build());

        SendOutcome outcome = sender.send(support, text("hi"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class, r -> {
            assertThat(r.retryAfter()).isNull();
            assertThat(r.reason()).contains("500");
        });
    }

    @Test
    void tooManyRequestsIsRetriedAfterWhatTheServerSaid() {
        graph.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("""
                {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
                 "error_data":{"messaging_product":"whatsapp","details":"Cloud API message throughput has been reached."},"fbtrace_id":"A3"}}
                """).build());

        SendOutcome outcome = sender.send(support, text("hi"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void throttlingCodesAnsweredWith400AreRetried() {
        graph.enqueue(new MockResponse.Builder().code(400).body("""
                {"error":{"message":"(#131056) (Business Account, Consumer Account) pair rate limit hit","type":"OAuthException","code":131056,
                 "error_data":{"messaging_product":"whatsapp","details":"Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time."},"fbtrace_id":"A4"}}
                """).build());

        assertThat(sender.send(support, text("hi"))).isInstanceOf(SendOutcome.Retry.class);
    }

    @Test
    void anUnreachablePlatformIsRetried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        SendOutcome outcome = senderAt("http://127.0.0.1:" + closedPort + "/v23.0").send(support, text("hi"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class, r -> assertThat(r.retryAfter()).isNull());
    }

    @Test
    void anUnsendableMessageIsRejectedWithoutACall() {
        SendOutcome outcome = sender.send(support, message(MessageType.HTML, "<p>hi</p>", Json.mapper().createObjectNode(), List.of()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> assertThat(r.code()).isEqualTo("unsendable"));
        assertThat(graph.getRequestCount()).isZero();
    }
}
