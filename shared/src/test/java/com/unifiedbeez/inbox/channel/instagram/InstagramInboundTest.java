package com.unifiedbeez.inbox.channel.instagram;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.Channel;
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
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import com.unifiedbeez.inbox.message.MessageStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class InstagramInboundTest {
    private static final String IGSID = "5482719348201933";
    private static final Customer CUSTOMER = new Customer(IGSID, null, null, null);
    private static final Instant AT = Instant.ofEpochMilli(1569262485349L);
    private static final String MID_PREFIX = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTk1MDQ3MzE5OTM2MD";

    @StartStop
    private final MockWebServer cdn = new MockWebServer();

    private final InstagramInbound inbound = new InstagramInbound(
            new MetaGraph(MetaSamples.config("http://unused.test"), new PlatformHttp()));
    private final ChannelConnection account = MetaSamples.connection(Channel.INSTAGRAM, "17841405822304914",
            "{\"pageId\":\"106459471234567\"}");

    @Test
    void textWithReplyTo() {
        InboundMessage message = only(InboundMessage.class, "message-text.json");

        assertThat(message.externalId()).isEqualTo(MID_PREFIX + "YzNw==");
        assertThat(message.from()).isEqualTo(CUSTOMER);
        assertThat(message.sentAt()).isEqualTo(AT);
        assertThat(message.type()).isEqualTo(MessageType.TEXT);
        assertThat(message.text()).isEqualTo("Do you ship to Lisbon?");
        assertThat(message.replyTo()).isEqualTo(MID_PREFIX + "YzNg==");
        assertThat(message.media()).isEmpty();
        assertThat(message.metadata().isEmpty()).isTrue();
    }

    @Test
    void attachmentsAreMediaByCdnUrl() {
        InboundMessage message = only(InboundMessage.class, "message-attachments.json");

        assertThat(message.externalId()).isEqualTo(MID_PREFIX + "Y0MA==");
        assertThat(message.type()).isEqualTo(MessageType.IMAGE);
        assertThat(message.text()).isNull();
        assertThat(message.media()).containsExactly(
                new InboundMedia("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901234&signature=AbCdEf",
                        null, null, null),
                new InboundMedia("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17912345678901235&signature=GhIjKl",
                        null, null, null));
    }

    @Test
    void quickReply() {
        InboundMessage message = only(InboundMessage.class, "message-quick-reply.json");

        assertThat(message.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("Medium");
        assertThat(message.sentAt()).isEqualTo(Instant.ofEpochMilli(1502905976377L));
        assertThat(message.metadata().at("/interactive/kind").asText()).isEqualTo("quick_reply");
        assertThat(message.metadata().at("/interactive/id").asText()).isEqualTo("SIZE_M");
    }

    @Test
    void storyReplyKeepsTheStoryInMetadata() {
        InboundMessage message = only(InboundMessage.class, "story-reply.json");

        assertThat(message.externalId()).isEqualTo(MID_PREFIX + "Y0Mg==");
        assertThat(message.type()).isEqualTo(MessageType.TEXT);
        assertThat(message.text()).isEqualTo("Love this one, is it still available?");
        assertThat(message.replyTo()).as("a story is not a message").isNull();
        assertThat(message.metadata().at("/storyReply/id").asText()).isEqualTo("17998877665544332");
        assertThat(message.metadata().at("/storyReply/url").asText())
                .isEqualTo("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17998877665544332&signature=StOrY");
    }

    @Test
    void storyMentionKeepsOnlyTheCdnUrl() {
        InboundMessage message = only(InboundMessage.class, "story-mention.json");

        assertThat(message.externalId()).isEqualTo(MID_PREFIX + "Y0Mw==");
        assertThat(message.type()).isEqualTo(MessageType.UNSUPPORTED);
        assertThat(message.text()).isNull();
        assertThat(message.media()).as("Meta forbids storing story content").isEmpty();
        assertThat(message.metadata().at("/storyMention/url").asText())
                .isEqualTo("https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17911122233344455&signature=MeNtIoN");
    }

    @Test
    void seenIsAReadOfThatMessage() {
        assertThat(inbound.normalizeIncoming(account, text("instagram", "messaging-seen.json")))
                .containsExactly(new StatusReport(MID_PREFIX + "YzNg==", IGSID, MessageStatus.READ, AT, null, null));
    }

    @Test
    void postback() {
        InboundMessage message = only(InboundMessage.class, "messaging-postbacks.json");

        assertThat(message.externalId()).isEqualTo(MID_PREFIX + "Y0NA==");
        assertThat(message.type()).isEqualTo(MessageType.INTERACTIVE);
        assertThat(message.text()).isEqualTo("Track my order");
        assertThat(message.metadata().at("/interactive/kind").asText()).isEqualTo("postback");
        assertThat(message.metadata().at("/interactive/id").asText()).isEqualTo("ICEBREAKER_TRACK_ORDER");
    }

    @Test
    void anUnreactRemovesTheReaction() {
        assertThat(inbound.normalizeIncoming(account, text("instagram", "message-reactions.json")))
                .containsExactly(new Reaction(MID_PREFIX + "YzNg==", CUSTOMER, null, AT));
    }

    @Test
    void echoesAndUnsentMessagesAreSkipped() {
        String unsent = text("instagram", "message-text.json").replace("\"text\": \"Do you ship to Lisbon?\",",
                "\"is_deleted\": true,");

        assertThat(inbound.normalizeIncoming(account, text("instagram", "message-echo.json"))).isEmpty();
        assertThat(inbound.normalizeIncoming(account, unsent)).isEmpty();
    }

    @Test
    void aPagePayloadIsNotInstagram() {
        assertThatThrownBy(() -> inbound.normalizeIncoming(account, text("messenger", "message-text.json")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fetchMediaGetsTheCdnUrl() throws Exception {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        cdn.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/jpeg")
                .body(new Buffer().write(jpeg)).build());
        String url = cdn.url("/ig_messaging_cdn/?asset_id=17912345678901234&signature=AbCdEf").toString();

        MediaContent content = inbound.fetchMedia(account, new InboundMedia(url, null, null, null));

        assertThat(content.bytes()).isEqualTo(jpeg);
        assertThat(content.contentType()).isEqualTo("image/jpeg");
        assertThat(content.fileName()).isNull();
        RecordedRequest request = cdn.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/ig_messaging_cdn/?asset_id=17912345678901234&signature=AbCdEf");
    }

    @Test
    void anExpiredCdnUrlIsUnavailableAndAServerErrorIsRetried() {
        cdn.enqueue(new MockResponse.Builder().code(404).body("").build());
        cdn.enqueue(new MockResponse.Builder().code(503).body("").build());
        String url = cdn.url("/ig_messaging_cdn/?asset_id=17912345678901234&signature=AbCdEf").toString();

        assertThatThrownBy(() -> inbound.fetchMedia(account, new InboundMedia(url, null, null, null)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason())
                        .isEqualTo("the attachment link answered HTTP 404: expired or removed"));
        assertThatThrownBy(() -> inbound.fetchMedia(account, new InboundMedia(url, null, null, null)))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class).hasMessageContaining("503");
    }

    private <T> T only(Class<T> type, String file) {
        List<InboundEvent> events = inbound.normalizeIncoming(account, text("instagram", file));
        assertThat(events).hasSize(1);
        return type.cast(events.get(0));
    }
}
