package com.unifiedbeez.inbox.channel.messenger;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.PAGE_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.json;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.media;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class MessengerSenderTest {
    private static final String PAGE_ID = "106459471234567";
    private static final String PSID = "6783948573829103";
    private static final String MID = "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fplwlqLP_5cgXIbu7I3rBN0P";

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    private final ChannelConnection page = MetaSamples.connection(Channel.MESSENGER, PAGE_ID, "{}");

    @Test
    void textIsOneResponseMessage() {
        List<ObjectNode> requests = sender("http://unused.test").normalizeOutgoing(message(MessageType.TEXT, "Hello Ada", "{}"));

        assertThat(requests).hasSize(1);
        ObjectNode request = requests.get(0);
        assertThat(request.at("/recipient/id").asText()).isEqualTo(PSID);
        assertThat(request.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(request.at("/message/text").asText()).isEqualTo("Hello Ada");
        assertThat(request.path("message").size()).isEqualTo(1);
        assertThat(request.size()).isEqualTo(3);
    }

    @Test
    void buttonsBecomeTextQuickReplies() {
        OutboundMessage message = message(MessageType.INTERACTIVE, "Which size?",
                "{\"interactive\":{\"buttons\":[{\"id\":\"SIZE_S\",\"title\":\"Small\"},{\"id\":\"SIZE_M\",\"title\":\"Medium\"}]}}");

        JsonNode replies = sender("http://unused.test").normalizeOutgoing(message).get(0).at("/message/quick_replies");

        assertThat(replies).hasSize(2);
        assertThat(replies.at("/0/content_type").asText()).isEqualTo("text");
        assertThat(replies.at("/0/title").asText()).isEqualTo("Small");
        assertThat(replies.at("/0/payload").asText()).isEqualTo("SIZE_S");
        assertThat(replies.at("/1/title").asText()).isEqualTo("Medium");
        assertThat(replies.at("/1/payload").asText()).isEqualTo("SIZE_M");
    }

    @Test
    void everyAttachmentIsItsOwnMessageBeforeTheText() {
        OutboundMessage message = message(MessageType.IMAGE, "Your receipt", "{}",
                media("https://media.example.test/a.jpg", "image/jpeg"),
                media("https://media.example.test/b.pdf", "application/pdf"),
                media("https://media.example.test/c.mp4", "video/mp4"),
                media("https://media.example.test/d.m4a", "audio/mp4"));

        List<ObjectNode> requests = sender("http://unused.test").normalizeOutgoing(message);

        assertThat(requests).hasSize(5);
        assertThat(requests).extracting(r -> r.at("/message/attachment/type").asText())
                .containsExactly("image", "file", "video", "audio", "");
        assertThat(requests).extracting(r -> r.at("/message/attachment/payload/url").asText()).containsExactly(
                "https://media.example.test/a.jpg", "https://media.example.test/b.pdf",
                "https://media.example.test/c.mp4", "https://media.example.test/d.m4a", "");
        assertThat(requests.get(0).at("/message/attachment/payload/is_reusable").isBoolean()).isTrue();
        assertThat(requests.get(0).at("/message/attachment/payload/is_reusable").asBoolean()).isFalse();
        assertThat(requests.get(4).at("/message/text").asText()).isEqualTo("Your receipt");
        assertThat(requests).allSatisfy(r -> assertThat(r.at("/recipient/id").asText()).isEqualTo(PSID));
    }

    @Test
    void sendsToThePageMessagesEdgeWithTheTokenInTheHeader() throws Exception {
        graph.enqueue(json(200, text("messenger", "send-api-response.json")));

        SendOutcome outcome = sender(base()).send(page, message(MessageType.TEXT, "Hello Ada", "{}"));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted(MID));
        RecordedRequest request = graph.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/" + PAGE_ID + "/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        JsonNode body = Json.mapper().readTree(request.getBody().utf8());
        assertThat(body.at("/recipient/id").asText()).isEqualTo(PSID);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.at("/message/text").asText()).isEqualTo("Hello Ada");
    }

    @Test
    void withinTwentyFourHoursOfTheCustomersLastMessageTheReplyIsAResponse() throws Exception {
        graph.enqueue(json(200, text("messenger", "send-api-response.json")));

        sender(base()).send(page, message(NOW.minus(Duration.ofHours(24)).plusSeconds(1), MessageType.TEXT, "Hello Ada", "{}"));

        JsonNode body = Json.mapper().readTree(graph.takeRequest().getBody().utf8());
        assertThat(body.at("/recipient/id").asText()).isEqualTo(PSID);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.has("tag")).isFalse();
        assertThat(body.at("/message/text").asText()).isEqualTo("Hello Ada");
        assertThat(body.path("message").size()).isEqualTo(1);
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void fromTwentyFourHoursEveryPartIsAHumanAgentTaggedMessage() throws Exception {
        graph.enqueue(json(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_image\"}"));
        graph.enqueue(json(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_text\"}"));
        graph.enqueue(json(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_late\"}"));
        MessengerSender sender = sender(base());

        SendOutcome atTheBoundary = sender.send(page, message(NOW.minus(Duration.ofHours(24)), MessageType.IMAGE, "Your receipt",
                "{}", media("https://media.example.test/a.jpg", "image/jpeg")));
        SendOutcome sixDaysLater = sender.send(page, message(NOW.minus(Duration.ofDays(6)), MessageType.TEXT, "Still there?", "{}"));

        assertThat(atTheBoundary).isEqualTo(new SendOutcome.Accepted("m_image"));
        assertThat(sixDaysLater).isEqualTo(new SendOutcome.Accepted("m_late"));
        JsonNode image = Json.mapper().readTree(graph.takeRequest().getBody().utf8());
        assertThat(image.at("/recipient/id").asText()).isEqualTo(PSID);
        assertThat(image.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(image.path("tag").asText()).isEqualTo("HUMAN_AGENT");
        assertThat(image.at("/message/attachment/type").asText()).isEqualTo("image");
        assertThat(image.at("/message/attachment/payload/url").asText()).isEqualTo("https://media.example.test/a.jpg");
        assertThat(image.size()).isEqualTo(4);
        JsonNode caption = Json.mapper().readTree(graph.takeRequest().getBody().utf8());
        assertThat(caption.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(caption.path("tag").asText()).isEqualTo("HUMAN_AGENT");
        assertThat(caption.at("/message/text").asText()).isEqualTo("Your receipt");
        assertThat(caption.size()).isEqualTo(4);
        JsonNode late = Json.mapper().readTree(graph.takeRequest().getBody().utf8());
        assertThat(late.at("/recipient/id").asText()).isEqualTo(PSID);
        assertThat(late.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(late.path("tag").asText()).isEqualTo("HUMAN_AGENT");
        assertThat(late.at("/message/text").asText()).isEqualTo("Still there?");
        assertThat(late.size()).isEqualTo(4);
    }

    @Test
    void aCustomerWhoNeverWroteGetsAPlainResponse() {
        assertThat(sender("http://unused.test").normalizeOutgoing(message(null, MessageType.TEXT, "Hi", "{}")).get(0)
                .path("messaging_type").asText()).isEqualTo("RESPONSE");
    }

    @Test
    void severalPartsAreSentInOrderAndTheFirstMidIsKept() throws Exception {
        graph.enqueue(json(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_image\"}"));
        graph.enqueue(json(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_text\"}"));

        SendOutcome outcome = sender(base()).send(page,
                message(MessageType.IMAGE, "caption", "{}", media("https://media.example.test/a.jpg", "image/jpeg")));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("m_image"));
        assertThat(Json.mapper().readTree(graph.takeRequest().getBody().utf8()).at("/message/attachment/type").asText())
                .isEqualTo("image");
        assertThat(Json.mapper().readTree(graph.takeRequest().getBody().utf8()).at("/message/text").asText())
                .isEqualTo("caption");
    }

    @Test
    void outsideTheWindowIsRejectedWithCodeAndText() {
        graph.enqueue(json(400, text("messenger", "send-api-error-window.json")));

        SendOutcome outcome = sender(base()).send(page, message(MessageType.TEXT, "late reply", "{}"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, rejected -> {
            assertThat(rejected.code()).isEqualTo("10/2018278");
            assertThat(rejected.reason()).startsWith("(#10) This message is sent outside of allowed window.");
        });
    }

    @Test
    void anInvalidTokenIsRejected() {
        graph.enqueue(json(401, text("messenger", "send-api-error-token.json")));

        assertThat(sender(base()).send(page, message(MessageType.TEXT, "hi", "{}")))
                .isEqualTo(new SendOutcome.Rejected("190/1234567", "Invalid OAuth access token."));
    }

    @Test
    void serverErrorsAndRateLimitsAreRetried() {
        graph.enqueue(json(500, "{\"error\":{\"message\":\"An unexpected error has occurred. Please retry your request later.\",\"type\":\"OAuthException\",\"code\":2}}"));
        graph.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "7").body("").build());
        graph.enqueue(json(400, "{\"error\":{\"message\":\"Calls to this API have exceeded the rate limit.\",\"type\":\"OAuthException\",\"code\":613}}"));

        MessengerSender sender = sender(base());
        SendOutcome first = sender.send(page, message(MessageType.TEXT, "hi", "{}"));
        SendOutcome second = sender.send(page, message(MessageType.TEXT, "hi", "{}"));
        SendOutcome third = sender.send(page, message(MessageType.TEXT, "hi", "{}"));

        assertThat(first).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).contains("Graph API 2"));
        assertThat(second).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(third).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).contains("613"));
    }

    @Test
    void aFailedPartStopsTheRest() {
        graph.enqueue(json(200, "{\"recipient_id\":\"" + PSID + "\",\"message_id\":\"m_image\"}"));
        graph.enqueue(json(503, "{\"error\":{\"message\":\"Service unavailable\",\"code\":2}}"));

        SendOutcome outcome = sender(base()).send(page,
                message(MessageType.IMAGE, "caption", "{}", media("https://media.example.test/a.jpg", "image/jpeg")));

        assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
        assertThat(graph.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aClosedPortIsRetried() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        SendOutcome outcome = sender("http://127.0.0.1:" + port).send(page, message(MessageType.TEXT, "hi", "{}"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("Graph API not reached"));
    }

    @Test
    void withoutTokenOrContentNothingIsCalled() {
        ChannelConnection noToken = new ChannelConnection(page.id(), page.organizationId(), Channel.MESSENGER, PAGE_ID,
                "p", "connected", null, Secrets.NONE);

        assertThat(sender(base()).send(noToken, message(MessageType.TEXT, "hi", "{}")))
                .isEqualTo(new SendOutcome.Rejected("no-access-token", "the connection has no accessToken"));
        assertThat(sender(base()).send(page, message(MessageType.TEXT, " ", "{}")))
                .extracting(o -> ((SendOutcome.Rejected) o).code()).isEqualTo("empty-message");
        assertThat(graph.getRequestCount()).isZero();
    }

    private MessengerSender sender(String graphUrl) {
        return new MessengerSender(new MetaGraph(MetaSamples.config(graphUrl), new PlatformHttp()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String base() {
        return graph.url("/").toString();
    }

    private static OutboundMessage message(MessageType type, String text, String metadata, Media... media) {
        return message(NOW.minus(Duration.ofHours(1)), type, text, metadata, media);
    }

    private static OutboundMessage message(Instant customerLastWroteAt, MessageType type, String text, String metadata,
                                           Media... media) {
        try {
            return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), type, text,
                    (ObjectNode) Json.mapper().readTree(metadata), new Recipient(PSID, "Ada"), List.of(media), null,
                    customerLastWroteAt);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
