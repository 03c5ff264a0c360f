package com.unifiedbeez.inbox.channel.messenger;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.channel.InboundEvent.ReadUpTo;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import com.unifiedbeez.inbox.message.MessageStatus;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class MessengerInboundTest {
    private static final String PSID = "6783948573829103";
    private static final Customer CUSTOMER = new Customer(PSID, null, null, null);

    @StartStop
    private final MockWebServer cdn = new MockWebServer();

    private final MessengerInbound inbound = new MessengerInbound(
            new MetaGraph(MetaSamples.config("http://unused.test"), new PlatformHttp()));
    private final ChannelConnection page = MetaSamples.connection(Channel.MESSENGER, "106459471234567", "{}");

    @Test
    void textWithReplyTo() {
        InboundMessage message = only(InboundMessage.class, "message-text.json");

        assertThat(message.externalId()).isEqualTo("m_1457764197618:41d102a3e1ae206a38");
        assertThat(message.from()).isEqualTo(CUSTOMER);
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochMilli(1458692752478L));
        assertThat(message.type()).isEqualTo(MessageType.TEXT);
        assertThat(message.text()).isEqualTo("hello, world!");
        assertThat(message.replyTo()).isEqualTo("m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU");
        assertThat(message.media()).isEmpty();
        assertThat(message.metadata().isEmpty()).isTrue();
        assertThat(message.references()).isEmpty();
    }

    @Test
    void quickReplyIsAnInteractiveAnswerWithItsPayload() {
        InboundMessage message = only(InboundMessage.class, "message-quick-reply.json");

        assertThat(message.externalId()).isEqualTo("mid.1457764197618:41d102a3e1ae206a38");
        assertThat(message.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("Red");
        assertThat(message.metadata().at("/interactive/kind").asText()).isEqualTo("quick_reply");
        assertThat(message.metadata().at("/interactive/id").asText()).isEqualTo("COLOR_RED");
        assertThat(message.metadata().at("/interactive/title").asText()).isEqualTo("Red");
        assertThat(message.replyTo()).isNull();
    }

    @Test
    void attachmentsBecomeMediaByUrlAndTheFallbackStaysInMetadata() {
        InboundMessage message = only(InboundMessage.class, "message-attachments.json");

        assertThat(message.externalId()).isEqualTo("mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochMilli(1518479195308L));
        assertThat(message.type()).isEqualTo(MessageType.IMAGE);
        assertThat(message.text()).isNull();
        assertThat(message.media()).extracting(InboundMedia::reference).containsExactly(
                "https://scontent.xx.fbcdn.net/v/t1.15752-9/photo_1.jpg?_nc_cat=1&oh=abc",
                "https://video.xx.fbcdn.net/v/t42.3356-2/clip.mp4?_nc_cat=2&oh=def",
                "https://cdn.fbsbx.com/v/t59.3654-21/audioclip-1518479195308.mp4?_nc_cat=3&oh=ghi",
                "https://cdn.fbsbx.com/v/t59.2708-21/invoice-2018.pdf?_nc_cat=4&oh=jkl");
        assertThat(message.metadata().at("/otherAttachments/0/type").asText()).isEqualTo("fallback");
        assertThat(message.metadata().at("/otherAttachments/0/payload/url").asText())
                .isEqualTo("https://www.example.com/shared-article");
        assertThat(message.metadata().at("/otherAttachments/0/payload/title").asText()).isEqualTo("A shared article");
    }

    @Test
    void aFileAloneIsADocumentAndAFallbackAloneIsUnsupported() {
        String file = keepAttachments("file");
        String fallback = keepAttachments("fallback");

        assertThat(((InboundMessage) inbound.normalizeIncoming(page, file).get(0)).type()).isEqualTo(MessageType.DOCUMENT);
        InboundMessage unsupported = (InboundMessage) inbound.normalizeIncoming(page, fallback).get(0);
        assertThat(unsupported.type()).isEqualTo(MessageType.UNSUPPORTED);
        assertThat(unsupported.media()).isEmpty();
    }

    @Test
    void postbackIsAnInteractiveMessageTitledByTheButton() {
        InboundMessage message = only(InboundMessage.class, "messaging-postbacks.json");

        assertThat(message.externalId()).startsWith("m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM");
        assertThat(message.from()).isEqualTo(CUSTOMER);
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochMilli(1527459824000L));
        assertThat(message.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("Talk to an agent");
        assertThat(message.metadata().at("/interactive/kind").asText()).isEqualTo("postback");
        assertThat(message.metadata().at("/interactive/id").asText()).isEqualTo("AGENT_HANDOFF");
        assertThat(message.metadata().at("/interactive/title").asText()).isEqualTo("Talk to an agent");
    }

    @Test
    void aPostbackWithoutMidIsIdentifiedByCustomerAndTime() {
        String old = text("messenger", "messaging-postbacks.json").replaceAll("\"mid\": \"[^\"]+\",", "");

        assertThat(((InboundMessage) inbound.normalizeIncoming(page, old).get(0)).externalId())
                .isEqualTo("postback:" + PSID + ":1527459824000");
    }

    @Test
    void deliveriesReportEachMidDeliveredAtTheWatermark() {
        List<InboundEvent> events = inbound.normalizeIncoming(page, text("messenger", "message-deliveries.json"));

        Instant watermark = Instant.ofEpochMilli(1458668856253L);
        assertThat(events).containsExactly(
                new StatusReport("mid.1458668856218:ed81099e15d3f4f233", PSID, MessageStatus.DELIVERED, watermark, null, null),
                new StatusReport("mid.1458668856219:aa81099e15d3f4f234", PSID, MessageStatus.DELIVERED, watermark, null, null));
    }

    @Test
    void aDeliveryWithoutMidsNamesNoMessage() {
        String watermarkOnly = text("messenger", "message-deliveries.json")
                .replaceAll("(?s)\"mids\": \\[.*?\\],", "");

        assertThat(inbound.normalizeIncoming(page, watermarkOnly)).isEmpty();
    }

    @Test
    void readIsAWatermark() {
        assertThat(inbound.normalizeIncoming(page, text("messenger", "message-reads.json")))
                .containsExactly(new ReadUpTo(PSID, Instant.ofEpochMilli(1458668856253L)));
    }

    @Test
    void reactionAndEdit() {
        assertThat(inbound.normalizeIncoming(page, text("messenger", "message-reactions.json"))).containsExactly(
                new Reaction("mid.1458668856218:ed81099e15d3f4f233", CUSTOMER, "\u2764\uFE0F",
                        Instant.ofEpochMilli(1458668856463L)));
        assertThat(inbound.normalizeIncoming(page, text("messenger", "message-edits.json"))).containsExactly(
                new MessageEdit("m_1457764197618:41d102a3e1ae206a38", CUSTOMER, "hello, world! (edited)",
                        Instant.ofEpochMilli(1458668856463L)));
    }

    @Test
    void anEchoIsNeverACustomerMessage() {
        assertThat(inbound.normalizeIncoming(page, text("messenger", "message-echo.json"))).isEmpty();
    }

    @Test
    void aWholeBatchGivesEveryEventInOrder() {
        assertThat(inbound.normalizeIncoming(page, text("messenger", "two-pages-batch.json")))
                .extracting(e -> ((InboundMessage) e).externalId())
                .containsExactly("m_first", "m_second", "m_other_page");
    }

    @Test
    void refusesWhatIsNotAMessengerPayload() {
        assertThatThrownBy(() -> inbound.normalizeIncoming(page, text("instagram", "message-text.json")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbound.normalizeIncoming(page, "not json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchMediaDownloadsTheAttachmentUrlWithoutToken() throws Exception {
        byte[] pdf = "%PDF-1.4 invoice".getBytes();
        cdn.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/pdf")
                .body(new Buffer().write(pdf)).build());
        String url = cdn.url("/v/t59.2708-21/invoice-2018.pdf?_nc_cat=4&oh=jkl").toString();

        MediaContent content = inbound.fetchMedia(page, new InboundMedia(url, null, null, null));

        assertThat(content.bytes()).isEqualTo(pdf);
        assertThat(content.contentType()).isEqualTo("application/pdf");
        assertThat(content.fileName()).isEqualTo("invoice-2018.pdf");
        RecordedRequest request = cdn.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/v/t59.2708-21/invoice-2018.pdf?_nc_cat=4&oh=jkl");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void anExpiredOrRemovedAttachmentUrlIsUnavailableForGood() {
        cdn.enqueue(new MockResponse.Builder().code(403).body("URL signature expired").build());
        cdn.enqueue(new MockResponse.Builder().code(404).body("").build());
        String url = cdn.url("/v/expired.jpg?oh=sig").toString();

        assertThatThrownBy(() -> inbound.fetchMedia(page, new InboundMedia(url, null, null, null)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason())
                        .isEqualTo("the attachment link answered HTTP 403: expired or removed"));
        assertThatThrownBy(() -> inbound.fetchMedia(page, new InboundMedia(url, null, null, null)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason()).contains("HTTP 404"));
    }

    @Test
    void aCdnServerErrorIsRetriedLater() {
        cdn.enqueue(new MockResponse.Builder().code(500).body("").build());
        cdn.enqueue(new MockResponse.Builder().code(429).body("").build());
        String url = cdn.url("/v/photo.jpg").toString();

        assertThatThrownBy(() -> inbound.fetchMedia(page, new InboundMedia(url, null, null, null)))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class).hasMessageContaining("500");
        assertThatThrownBy(() -> inbound.fetchMedia(page, new InboundMedia(url, null, null, null)))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class).hasMessageContaining("429");
    }

    /** message-attachments.json with only the attachments of one type. */
    private static String keepAttachments(String type) {
        try {
            JsonNode root = Json.mapper().readTree(text("messenger", "message-attachments.json"));
            ArrayNode attachments = (ArrayNode) root.at("/entry/0/messaging/0/message/attachments");
            for (int i = attachments.size() - 1; i >= 0; i--) {
                if (!type.equals(attachments.get(i).path("type").asText())) {
                    attachments.remove(i);
                }
            }
            return Json.write(root);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private <T> T only(Class<T> type, String file) {
        List<InboundEvent> events = inbound.normalizeIncoming(page, text("messenger", file));
        assertThat(events).hasSize(1);
        return type.cast(events.get(0));
    }
}
