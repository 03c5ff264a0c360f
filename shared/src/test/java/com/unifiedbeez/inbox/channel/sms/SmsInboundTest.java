package com.unifiedbeez.inbox.channel.sms;

import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.ACCOUNT_SID;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.AUTH_TOKEN;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.CUSTOMER;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.body;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.message.MessageStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SmsInboundTest {
    private static final String MEDIA_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID
            + "/Messages/MM1342fe1b2c904d1ab04f0fc7a58abca7/Media/ME1342fe1b2c904d1ab04f0fc7a58abca6";

    @StartStop
    private final MockWebServer twilio = new MockWebServer();
    @StartStop
    private final MockWebServer storage = new MockWebServer();

    private final SmsInbound inbound = new SmsInbound(new PlatformHttp());

    private List<InboundEvent> normalize(String fixture) {
        return inbound.normalizeIncoming(number(), body(fixture));
    }

    @Test
    void anIncomingSms() {
        Instant before = Instant.now();
        InboundMessage message = (InboundMessage) normalize("inbound-sms.txt").get(0);

        assertThat(message.externalId()).isEqualTo("SM1342fe1b2c904d1ab04f0fc7a58abca8");
        assertThat(message.from()).isEqualTo(new InboundEvent.Customer(CUSTOMER, null, CUSTOMER, null));
        assertThat(message.type()).isEqualTo(MessageType.TEXT);
        assertThat(message.text()).isEqualTo("Hello! Is my order on its way?");
        assertThat(message.media()).isEmpty();
        assertThat(message.replyTo()).isNull();
        assertThat(message.references()).isEmpty();
        assertThat(message.sentAt()).isBetween(before, Instant.now()); // Twilio sends no timestamp
        assertThat(message.metadata().path("fromCity").asText()).isEqualTo("SAN FRANCISCO");
        assertThat(message.metadata().path("fromState").asText()).isEqualTo("CA");
        assertThat(message.metadata().path("fromZip").asText()).isEqualTo("94105");
        assertThat(message.metadata().path("fromCountry").asText()).isEqualTo("US");
        assertThat(message.metadata().path("numSegments").asText()).isEqualTo("1");
        assertThat(normalize("inbound-sms.txt")).hasSize(1);
    }

    @Test
    void aPictureWithoutTextIsAnImageMessageWithItsMediaUrl() {
        InboundMessage message = (InboundMessage) normalize("inbound-mms.txt").get(0);

        assertThat(message.externalId()).isEqualTo("MM1342fe1b2c904d1ab04f0fc7a58abca7");
        assertThat(message.type()).isEqualTo(MessageType.IMAGE);
        assertThat(message.text()).isNull();
        assertThat(message.media()).containsExactly(
                new InboundMedia("https://api.twilio.com" + MEDIA_PATH, "image/jpeg", null, null));
    }

    @Test
    void statusCallbacksBecomeStatusReports() {
        Instant before = Instant.now();
        assertThat(normalize("status-sent.txt")).singleElement().isInstanceOfSatisfying(StatusReport.class, sent -> {
            assertThat(sent.externalId()).isEqualTo("SM1342fe1b2c904d1ab04f0fc7a58abca9");
            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.recipient()).isNull(); // Twilio's documented example names no To
            assertThat(sent.errorCode()).isNull();
            assertThat(sent.occurredAt()).isBetween(before, Instant.now());
        });
        assertThat(normalize("status-delivered.txt")).singleElement().isInstanceOfSatisfying(StatusReport.class, delivered -> {
            assertThat(delivered.status()).isEqualTo(MessageStatus.DELIVERED);
            assertThat(delivered.recipient()).isEqualTo(CUSTOMER);
            assertThat(delivered.errorCode()).isNull();
            assertThat(delivered.errorMessage()).isNull();
        });
        assertThat(normalize("status-undelivered.txt")).singleElement().isInstanceOfSatisfying(StatusReport.class, failed -> {
            assertThat(failed.externalId()).isEqualTo("SM1342fe1b2c904d1ab04f0fc7a58abca9");
            assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.errorCode()).isEqualTo("30003");
            assertThat(failed.errorMessage()).isEqualTo("Unreachable destination handset");
        });
    }

    @Test
    void queuedSaysNothingNewAndReadIsRead() {
        assertThat(normalize("status-queued.txt")).isEmpty();
        String read = body("status-delivered.txt").replace("MessageStatus=delivered", "MessageStatus=read");
        assertThat(inbound.normalizeIncoming(number(), read)).singleElement()
                .extracting(event -> ((StatusReport) event).status()).isEqualTo(MessageStatus.READ);
        String failed = "MessageSid=SM9&MessageStatus=failed&ErrorCode=30999&From=%2B14155550100&To=%2B15558675310";
        assertThat(inbound.normalizeIncoming(number(), failed)).singleElement().isInstanceOfSatisfying(StatusReport.class,
                report -> assertThat(report.errorMessage()).isEqualTo("Twilio error 30999 (twilio.com/docs/api/errors/30999)"));
    }

    @Test
    void aPayloadWithoutMessageSidIsNotTwilios() {
        assertThatThrownBy(() -> inbound.normalizeIncoming(number(), "{\"json\":true}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mediaIsFetchedWithBasicAuthAndTheRedirectFollowedWithoutIt() throws Exception {
        twilio.enqueue(new MockResponse.Builder().code(307)
                .setHeader("Location", storage.url("/media/abc123?X-Amz-Signature=s").toString()).build());
        storage.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/jpeg").body("jpeg!").build());

        MediaContent file = inbound.fetchMedia(number(),
                new InboundMedia(twilio.url(MEDIA_PATH).toString(), "image/jpeg", null, null));

        assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).isEqualTo("jpeg!");
        assertThat(file.contentType()).isEqualTo("image/jpeg");
        assertThat(file.fileName()).isEqualTo("ME1342fe1b2c904d1ab04f0fc7a58abca6");
        RecordedRequest media = twilio.takeRequest();
        assertThat(media.getMethod()).isEqualTo("GET");
        assertThat(media.getTarget()).isEqualTo(MEDIA_PATH);
        assertThat(media.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        RecordedRequest file2 = storage.takeRequest();
        assertThat(file2.getTarget()).isEqualTo("/media/abc123?X-Amz-Signature=s");
        assertThat(file2.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void mediaServedDirectlyAndRefusedMedia() throws Exception {
        twilio.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "image/png").body("png").build());
        MediaContent direct = inbound.fetchMedia(number(), new InboundMedia(twilio.url(MEDIA_PATH).toString(), null, null, null));
        assertThat(direct.contentType()).isEqualTo("image/png");

        // issue 8: a refusal (401/403) is the same on every try, so the message is stored without the file
        twilio.enqueue(new MockResponse.Builder().code(401).body("{\"code\":20003,\"message\":\"Authenticate\"}").build());
        assertThatThrownBy(() -> inbound.fetchMedia(number(), new InboundMedia(twilio.url(MEDIA_PATH).toString(), null, null, null)))
                .isInstanceOfSatisfying(MediaUnavailable.class, e -> assertThat(e.reason())
                        .isEqualTo("Twilio refused the media (HTTP 401, Twilio error 20003 Authenticate)"))
                .hasMessageNotContaining(AUTH_TOKEN);
    }

    @Test
    void deletedMediaIsUnavailableForGoodAndAServerErrorIsRetried() {
        twilio.enqueue(new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json").body(
                "{\"code\":20404,\"message\":\"The requested resource " + MEDIA_PATH + " was not found\","
                        + "\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}").build());
        twilio.enqueue(new MockResponse.Builder().code(500).body("").build());
        InboundMedia media = new InboundMedia(twilio.url(MEDIA_PATH).toString(), "image/jpeg", null, null);

        assertThatThrownBy(() -> inbound.fetchMedia(number(), media)).isInstanceOfSatisfying(MediaUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo("Twilio no longer has this media (HTTP 404): deleted"));
        assertThatThrownBy(() -> inbound.fetchMedia(number(), media))
                .isInstanceOf(IOException.class).isNotInstanceOf(MediaUnavailable.class).hasMessageContaining("500");
    }
}
