package com.unifiedbeez.inbox.channel.telegram;

import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.BOT_ID;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.TOKEN;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.WEBHOOK_SECRET;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.apiAt;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.bot;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.closedPort;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.json.Json;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class TelegramProbeTest {
    private static final String OUR_WEBHOOK = "https://inbox.example.com/api/webhooks/telegram";
    private static final String GET_ME = "{\"ok\":true,\"result\":{\"id\":" + BOT_ID + ",\"is_bot\":true,"
            + "\"first_name\":\"Support\",\"username\":\"support_bot\",\"can_join_groups\":true}}";

    @StartStop
    private final MockWebServer telegram = new MockWebServer();

    private TelegramProbe probe() {
        return new TelegramProbe(apiAt(telegram.url("/").toString()), new PlatformHttp());
    }

    private void answer(int code, String body) {
        telegram.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build());
    }

    private static String webhookInfo(String url, String lastError) {
        return "{\"ok\":true,\"result\":{\"url\":\"" + url + "\",\"has_custom_certificate\":false,\"pending_update_count\":0"
                + (lastError == null ? "" : ",\"last_error_date\":1441645900,\"last_error_message\":\"" + lastError + "\"")
                + ",\"max_connections\":40}}";
    }

    @Test
    void aValidTokenOfThisBotWithOurWebhookIsHealthy() throws Exception {
        answer(200, GET_ME);
        answer(200, webhookInfo(OUR_WEBHOOK, null));

        HealthReport report = probe().check(bot());

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).containsExactly(new Check("token", true, "@support_bot"),
                new Check("bot id", true, BOT_ID), new Check("webhook", true, OUR_WEBHOOK));
        assertThat(telegram.takeRequest().getTarget()).isEqualTo("/bot" + TOKEN + "/getMe");
        assertThat(telegram.takeRequest().getTarget()).isEqualTo("/bot" + TOKEN + "/getWebhookInfo");
    }

    @Test
    void aRevokedTokenIsUnhealthyAndStopsThere() {
        answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");

        HealthReport report = probe().check(bot());

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).containsExactly(new Check("token", false, "getMe: 401 Unauthorized"));
        assertThat(telegram.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aTokenOfAnotherBotIsUnhealthy() {
        answer(200, GET_ME.replace(BOT_ID, "555"));

        HealthReport report = probe().check(bot());

        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).isEqualTo("bot id: the token belongs to bot 555, not " + BOT_ID);
    }

    @Test
    void aWebhookElsewhereOrFailingIsUnhealthy() {
        answer(200, GET_ME);
        answer(200, webhookInfo("https://old.example.com/hook", null));
        assertThat(probe().check(bot()).summary()).isEqualTo("webhook: registered at https://old.example.com/hook");

        answer(200, GET_ME);
        answer(200, webhookInfo("", null));
        assertThat(probe().check(bot()).summary()).isEqualTo("webhook: no webhook registered");

        answer(200, GET_ME);
        answer(200, webhookInfo(OUR_WEBHOOK, "Wrong response from the webhook: 502 Bad Gateway"));
        assertThat(probe().check(bot()).summary())
                .isEqualTo("webhook: Telegram reports a delivery error: Wrong response from the webhook: 502 Bad Gateway");
    }

    @Test
    void anUnreachableApiIsAFailedCheckNotAnException() {
        HealthReport report = new TelegramProbe(apiAt(closedPort()), new PlatformHttp()).check(bot());

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("reachable");
            assertThat(check.detail()).doesNotContain(TOKEN);
        });
    }

    @Test
    void connectingRegistersOurWebhookWithTheBotsSecretToken() throws Exception {
        answer(200, GET_ME);
        answer(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was set\"}");
        answer(200, webhookInfo(OUR_WEBHOOK, null));

        HealthReport report = probe().onConnect(bot());

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).extracting(Check::name).containsExactly("token", "bot id", "setWebhook", "webhook");
        telegram.takeRequest();
        RecordedRequest setWebhook = telegram.takeRequest();
        assertThat(setWebhook.getTarget()).isEqualTo("/bot" + TOKEN + "/setWebhook");
        assertThat(Json.mapper().readTree(setWebhook.getBody().utf8())).isEqualTo(Json.mapper().readTree(
                "{\"url\":\"" + OUR_WEBHOOK + "\",\"secret_token\":\"" + BOT_ID + "_" + WEBHOOK_SECRET + "\","
                        + "\"allowed_updates\":[\"message\",\"edited_message\",\"callback_query\"]}"));
        assertThat(telegram.takeRequest().getTarget()).isEqualTo("/bot" + TOKEN + "/getWebhookInfo");
    }

    @Test
    void connectingWithABadTokenSetsNoWebhook() {
        answer(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");

        HealthReport report = probe().onConnect(bot());

        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).isEqualTo("token: getMe: 404 Not Found");
        assertThat(telegram.getRequestCount()).isEqualTo(1);
    }

    @Test
    void disconnectingRemovesOurWebhookAndKeepsPendingUpdates() throws Exception {
        answer(200, webhookInfo(OUR_WEBHOOK, null));
        answer(200, "{\"ok\":true,\"result\":true,\"description\":\"Webhook was deleted\"}");

        probe().onDisconnect(bot());

        assertThat(telegram.takeRequest().getTarget()).isEqualTo("/bot" + TOKEN + "/getWebhookInfo");
        RecordedRequest deleteWebhook = telegram.takeRequest();
        assertThat(deleteWebhook.getMethod()).isEqualTo("POST");
        assertThat(deleteWebhook.getTarget()).isEqualTo("/bot" + TOKEN + "/deleteWebhook");
        assertThat(Json.mapper().readTree(deleteWebhook.getBody().utf8()))
                .isEqualTo(Json.mapper().readTree("{\"drop_pending_updates\":false}"));
    }

    @Test
    void disconnectingLeavesAWebhookTheOwnerPointedElsewhere() {
        answer(200, webhookInfo("https://elsewhere.example.com/hook", null));

        probe().onDisconnect(bot());

        assertThat(telegram.getRequestCount()).as("getWebhookInfo only").isEqualTo(1);
    }

    @Test
    void aFailingOrUnreachableApiOnDisconnectDoesNotThrow() throws Exception {
        answer(200, webhookInfo(OUR_WEBHOOK, null));
        answer(500, "<html>Internal Server Error</html>");
        probe().onDisconnect(bot());
        assertThat(telegram.takeRequest().getTarget()).endsWith("/getWebhookInfo");
        assertThat(telegram.takeRequest().getTarget()).endsWith("/deleteWebhook");

        answer(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
        probe().onDisconnect(bot());
        assertThat(telegram.getRequestCount()).as("no delete without knowing the webhook is ours").isEqualTo(3);

        new TelegramProbe(apiAt(closedPort()), new PlatformHttp()).onDisconnect(bot());
    }
}
