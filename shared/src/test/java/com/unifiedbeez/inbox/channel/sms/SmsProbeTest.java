package com.unifiedbeez.inbox.channel.sms;

import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.ACCOUNT_SID;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.AUTH_TOKEN;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.OUR_NUMBER;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.WEBHOOK_URL;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.apiAt;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.closedPort;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class SmsProbeTest {
    private static final String ACCOUNT = "{\"sid\":\"" + ACCOUNT_SID + "\",\"friendly_name\":\"Shop\",\"status\":\"active\","
            + "\"type\":\"Full\",\"date_created\":\"Thu, 24 Aug 2023 05:01:45 +0000\"}";

    @StartStop
    private final MockWebServer twilio = new MockWebServer();

    private SmsProbe probe(boolean withWebhookBase) {
        return new SmsProbe(apiAt(twilio.url("/").toString(), withWebhookBase), new PlatformHttp());
    }

    private void answer(int code, String body) {
        twilio.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String numbers(String smsUrl) {
        return "{\"incoming_phone_numbers\":[{\"sid\":\"PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"account_sid\":\"" + ACCOUNT_SID
                + "\",\"phone_number\":\"" + OUR_NUMBER + "\",\"friendly_name\":\"(415) 555-0100\",\"sms_url\":\"" + smsUrl
                + "\",\"sms_method\":\"POST\",\"capabilities\":{\"sms\":true,\"mms\":true,\"voice\":true}}],"
                + "\"page\":0,\"page_size\":50}";
    }

    @Test
    void activeAccountOwningTheNumberWithOurWebhookIsHealthy() throws Exception {
        answer(200, ACCOUNT);
        answer(200, numbers(WEBHOOK_URL));

        HealthReport report = probe(true).check(number());

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).containsExactly(new Check("credentials", true, "account active"),
                new Check("number", true, OUR_NUMBER), new Check("webhook", true, WEBHOOK_URL));
        RecordedRequest account = twilio.takeRequest();
        assertThat(account.getTarget()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + ".json");
        assertThat(account.getHeaders().get("Authorization")).startsWith("Basic ");
        assertThat(twilio.takeRequest().getTarget())
                .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers.json?PhoneNumber=%2B14155550100");
    }

    @Test
    void withoutAPublicBaseUrlTheWebhookIsNotJudged() {
        answer(200, ACCOUNT);
        answer(200, numbers("https://elsewhere.example.com/sms"));

        HealthReport report = probe(false).check(number());

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).extracting(Check::name).containsExactly("credentials", "number");
    }

    @Test
    void aBadAuthTokenIsUnhealthyAndStopsThere() {
        answer(401, "{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}");

        HealthReport report = probe(true).check(number());

        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).isEqualTo("credentials: Twilio answered 401 20003 Authenticate");
        assertThat(report.summary()).doesNotContain(AUTH_TOKEN);
        assertThat(twilio.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSuspendedAccountANumberOfAnotherAccountOrAForeignWebhookIsUnhealthy() {
        answer(200, ACCOUNT.replace("active", "suspended"));
        answer(200, numbers(WEBHOOK_URL));
        assertThat(probe(true).check(number()).summary()).isEqualTo("credentials: account suspended");

        answer(200, ACCOUNT);
        answer(200, "{\"incoming_phone_numbers\":[],\"page\":0,\"page_size\":50}");
        assertThat(probe(true).check(number()).summary())
                .isEqualTo("number: " + OUR_NUMBER + " is not a number of this account");

        answer(200, ACCOUNT);
        answer(200, numbers("https://demo.twilio.com/welcome/sms/reply"));
        assertThat(probe(true).check(number()).summary())
                .isEqualTo("webhook: SmsUrl is https://demo.twilio.com/welcome/sms/reply");
    }

    @Test
    void anUnreachableTwilioIsAFailedCheck() {
        HealthReport report = new SmsProbe(apiAt(closedPort(), true), new PlatformHttp()).check(number());

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).extracting(Check::name).containsExactly("reachable");
    }
}
