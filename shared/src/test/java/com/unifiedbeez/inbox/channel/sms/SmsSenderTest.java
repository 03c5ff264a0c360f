package com.unifiedbeez.inbox.channel.sms;

import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.ACCOUNT_SID;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.AUTH_TOKEN;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.CUSTOMER;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.OUR_NUMBER;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.WEBHOOK_URL;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.apiAt;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.closedPort;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SmsSenderTest {
    /** The Message resource as Twilio answers a create (twilio.com/docs/messaging/api/message-resource). */
    private static final String CREATED = "{\"account_sid\":\"" + ACCOUNT_SID + "\",\"api_version\":\"2010-04-01\","
            + "\"body\":\"Your order shipped\",\"date_created\":\"Thu, 24 Aug 2023 05:01:45 +0000\",\"direction\":\"outbound-api\","
            + "\"error_code\":null,\"error_message\":null,\"from\":\"" + OUR_NUMBER + "\",\"num_media\":\"0\",\"num_segments\":\"1\","
            + "\"sid\":\"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"status\":\"queued\",\"to\":\"" + CUSTOMER + "\"}";

    @StartStop
    private final MockWebServer twilio = new MockWebServer();

    private SmsSender sender() {
        return new SmsSender(apiAt(twilio.url("/").toString(), true), new PlatformHttp());
    }

    private static OutboundMessage text(String body) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), MessageType.TEXT, body, Json.mapper().createObjectNode(),
                new Recipient(CUSTOMER, null), List.of(), null, null);
    }

    private void answer(int code, String body) {
        twilio.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    @Test
    void normalizeOutgoingIsTheMessagesJsonForm() {
        assertThat(SmsSender.normalizeOutgoing(OUR_NUMBER, WEBHOOK_URL, text("Your order shipped")).params()).containsExactly(
                Map.entry("To", CUSTOMER), Map.entry("From", OUR_NUMBER), Map.entry("Body", "Your order shipped"),
                Map.entry("StatusCallback", WEBHOOK_URL));
        assertThat(SmsSender.normalizeOutgoing(OUR_NUMBER, null, text("Hi")).params()).containsExactly(
                Map.entry("To", CUSTOMER), Map.entry("From", OUR_NUMBER), Map.entry("Body", "Hi"));
        OutboundMessage picture = new OutboundMessage(UUID.randomUUID(), null, MessageType.IMAGE, null, Json.mapper().createObjectNode(),
                new Recipient(CUSTOMER, null), List.of(new Media("https://media.example.com/a.jpg", "a", "image/jpeg", "a.jpg", 9)), null, null);
        assertThat(SmsSender.normalizeOutgoing(OUR_NUMBER, null, picture).params()).containsExactly(
                Map.entry("To", CUSTOMER), Map.entry("From", OUR_NUMBER), Map.entry("MediaUrl", "https://media.example.com/a.jpg"));
    }

    @Test
    void anAcceptedSendIsTheMessageSid() throws Exception {
        answer(201, CREATED);

        SendOutcome outcome = sender().send(number(), text("Your order shipped & more"));

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted("SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        RecordedRequest request = twilio.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(TwilioForm.parse(request.getBody().utf8()).params()).containsExactly(
                Map.entry("To", CUSTOMER), Map.entry("From", OUR_NUMBER), Map.entry("Body", "Your order shipped & more"),
                Map.entry("StatusCallback", WEBHOOK_URL));
    }

    @Test
    void anInvalidOrUnsubscribedRecipientIsRejectedWithTwiliosCodeAndMessage() {
        answer(400, "{\"code\":21211,\"message\":\"The 'To' number +1555 is not a valid phone number.\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}");
        answer(400, "{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/21610\",\"status\":400}");

        assertThat(sender().send(number(), text("Hi")))
                .isEqualTo(new SendOutcome.Rejected("21211", "The 'To' number +1555 is not a valid phone number."));
        assertThat(sender().send(number(), text("Hi")))
                .isEqualTo(new SendOutcome.Rejected("21610", "Attempt to send to unsubscribed recipient"));
    }

    @Test
    void wrongCredentialsAreRejectedNotRetried() {
        answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");

        assertThat(sender().send(number(), text("Hi"))).isEqualTo(new SendOutcome.Rejected("20003", "Authenticate"));
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetried() {
        twilio.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "3")
                .body("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}").build());
        answer(500, "{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}");
        twilio.enqueue(new MockResponse.Builder().code(503).body("<html>Service Unavailable</html>").build());

        assertThat(sender().send(number(), text("Hi")))
                .isEqualTo(new SendOutcome.Retry("Twilio 20429: Too Many Requests", Duration.ofSeconds(3)));
        assertThat(sender().send(number(), text("Hi")))
                .isEqualTo(new SendOutcome.Retry("Twilio 20500: Internal Server Error", null));
        assertThat(sender().send(number(), text("Hi")))
                .isEqualTo(new SendOutcome.Retry("Twilio http-503: HTTP 503", null));
    }

    @Test
    void anUnreachableTwilioIsRetriedWithoutCredentialsInTheReason() {
        SendOutcome outcome = new SmsSender(apiAt(closedPort(), true), new PlatformHttp()).send(number(), text("Hi"));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Retry.class,
                retry -> assertThat(retry.reason()).startsWith("Twilio not reached").doesNotContain(AUTH_TOKEN));
    }
}
