package com.unifiedbeez.inbox.channel.instagram;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.PAGE_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.json;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.media;
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
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class InstagramSenderTest {
    private static final String IG_ID = "17841405822304914";
    private static final String PAGE_ID = "106459471234567";
    private static final String IGSID = "5482719348201933";

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    private final ChannelConnection account =
            MetaSamples.connection(Channel.INSTAGRAM, IG_ID, "{\"pageId\":\"" + PAGE_ID + "\"}");

    @Test
    void imageThenTextWithQuickRepliesAndNoReusableFlag() {
        OutboundMessage message = message(MessageType.INTERACTIVE, "Which one?",
                "{\"interactive\":{\"buttons\":[{\"id\":\"RED\",\"title\":\"Red\"}]}}",
                media("https://media.example.test/a.png", "image/png"));

        List<ObjectNode> requests = sender("http://unused.test").normalizeOutgoing(message);

        assertThat(requests).hasSize(2);
        ObjectNode image = requests.get(0);
        assertThat(image.at("/recipient/id").asText()).isEqualTo(IGSID);
        assertThat(image.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(image.at("/message/attachment/type").asText()).isEqualTo("image");
        assertThat(image.at("/message/attachment/payload/url").asText()).isEqualTo("https://media.example.test/a.png");
        assertThat(image.at("/message/attachment/payload").size()).isEqualTo(1);
        assertThat(image.at("/message/quick_replies").isMissingNode()).isTrue();
        ObjectNode text = requests.get(1);
        assertThat(text.at("/message/text").asText()).isEqualTo("Which one?");
        assertThat(text.at("/message/quick_replies/0/content_type").asText()).isEqualTo("text");
        assertThat(text.at("/message/quick_replies/0/title").asText()).isEqualTo("Red");
        assertThat(text.at("/message/quick_replies/0/payload").asText()).isEqualTo("RED");
    }

    @Test
    void sendsThroughTheLinkedPage() throws Exception {
        graph.enqueue(json(200, "{\"recipient_id\":\"" + IGSID + "\",\"message_id\":\"aWdfZAG1fmid\"}"));

        SendOutcome outcome = sender(graph.url("/").toString()).send(account, message(MessageType.TEXT, "We do!", "{}"));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("aWdfZAG1fmid"));
        RecordedRequest request = graph.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/" + PAGE_ID + "/messages");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
        JsonNode body = Json.mapper().readTree(request.getBody().utf8());
        assertThat(body.at("/recipient/id").asText()).isEqualTo(IGSID);
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.at("/message/text").asText()).isEqualTo("We do!");
    }

    @Test
    void afterTwentyFourHoursTheReplyIsTaggedHumanAgentAndBeforeItIsAResponse() throws Exception {
        graph.enqueue(json(200, "{\"recipient_id\":\"" + IGSID + "\",\"message_id\":\"aWdflate\"}"));
        graph.enqueue(json(200, "{\"recipient_id\":\"" + IGSID + "\",\"message_id\":\"aWdfsoon\"}"));
        InstagramSender sender = sender(graph.url("/").toString());

        assertThat(sender.send(account, message(NOW.minus(Duration.ofHours(30)), MessageType.TEXT, "Sorry for the wait", "{}")))
                .isEqualTo(new SendOutcome.Accepted("aWdflate"));
        assertThat(sender.send(account, message(NOW.minus(Duration.ofHours(23)), MessageType.TEXT, "We do!", "{}")))
                .isEqualTo(new SendOutcome.Accepted("aWdfsoon"));

        JsonNode late = Json.mapper().readTree(graph.takeRequest().getBody().utf8());
        assertThat(late.at("/recipient/id").asText()).isEqualTo(IGSID);
        assertThat(late.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(late.path("tag").asText()).isEqualTo("HUMAN_AGENT");
        assertThat(late.at("/message/text").asText()).isEqualTo("Sorry for the wait");
        assertThat(late.size()).isEqualTo(4);
        JsonNode soon = Json.mapper().readTree(graph.takeRequest().getBody().utf8());
        assertThat(soon.at("/recipient/id").asText()).isEqualTo(IGSID);
        assertThat(soon.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(soon.has("tag")).isFalse();
        assertThat(soon.at("/message/text").asText()).isEqualTo("We do!");
        assertThat(soon.size()).isEqualTo(3);
    }

    @Test
    void withoutPageIdTheTokensOwnPageIsUsed() throws Exception {
        graph.enqueue(json(200, "{\"recipient_id\":\"" + IGSID + "\",\"message_id\":\"m1\"}"));
        ChannelConnection noPage = MetaSamples.connection(Channel.INSTAGRAM, IG_ID, "{}");

        sender(graph.url("/").toString()).send(noPage, message(MessageType.TEXT, "hi", "{}"));

        assertThat(graph.takeRequest().getTarget()).isEqualTo("/me/messages");
    }

    @Test
    void userUnavailableIsRejectedAndServerErrorsRetried() throws IOException {
        graph.enqueue(json(400, "{\"error\":{\"message\":\"This person isn't available right now.\","
                + "\"type\":\"OAuthException\",\"code\":551,\"error_subcode\":1545041,\"fbtrace_id\":\"AxYz\"}}"));
        graph.enqueue(json(500, "{\"error\":{\"message\":\"An unknown error occurred\",\"code\":1}}"));
        graph.enqueue(json(429, "{\"error\":{\"message\":\"Application request limit reached\",\"code\":4}}"));

        InstagramSender sender = sender(graph.url("/").toString());
        assertThat(sender.send(account, message(MessageType.TEXT, "hi", "{}")))
                .isEqualTo(new SendOutcome.Rejected("551/1545041", "This person isn't available right now."));
        assertThat(sender.send(account, message(MessageType.TEXT, "hi", "{}"))).isInstanceOf(SendOutcome.Retry.class);
        assertThat(sender.send(account, message(MessageType.TEXT, "hi", "{}"))).isInstanceOf(SendOutcome.Retry.class);

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(sender("http://127.0.0.1:" + port).send(account, message(MessageType.TEXT, "hi", "{}")))
                .isInstanceOf(SendOutcome.Retry.class);
    }

    private InstagramSender sender(String graphUrl) {
        return new InstagramSender(new MetaGraph(MetaSamples.config(graphUrl), new PlatformHttp()),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static OutboundMessage message(MessageType type, String text, String metadata, Media... media) {
        return message(NOW.minus(Duration.ofHours(1)), type, text, metadata, media);
    }

    private static OutboundMessage message(Instant customerLastWroteAt, MessageType type, String text, String metadata,
                                           Media... media) {
        try {
            return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), type, text,
                    (ObjectNode) Json.mapper().readTree(metadata), new Recipient(IGSID, null), List.of(media), null,
                    customerLastWroteAt);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
