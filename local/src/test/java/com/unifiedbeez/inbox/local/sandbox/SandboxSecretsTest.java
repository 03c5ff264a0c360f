package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WHATSAPP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.local.testing.CapturedOutput;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The sandbox shows what we sent the platforms, never the secrets we sent with it: not in its log, not in its outbox. */
class SandboxSecretsTest {
    private static final String BOT_SECRET = ACME_BOT_TOKEN.substring(ACME_BOT_TOKEN.indexOf(':') + 1);

    @Test
    void botTokensSecretTokensAndAccessTokensStayOutOfTheLogAndTheOutbox() throws Exception {
        SandboxHarness h = SandboxHarness.get();
        String secretToken = ACME_BOT_ID + "_" + SandboxAccounts.ACME_BOT_WEBHOOK_SECRET;
        String bot = "/telegram/bot" + ACME_BOT_TOKEN;
        String outboxes;
        String log;
        try (CapturedOutput output = CapturedOutput.start()) {
            assertThat(h.postJson(bot + "/setWebhook", "{\"url\":\"https://example.test/api/webhooks/telegram\","
                    + "\"secret_token\":\"" + secretToken + "\"}").statusCode()).isEqualTo(200);
            assertThat(h.send(HttpRequest.newBuilder(URI.create(h.sandboxUrl() + bot + "/setWebhook"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("url=https%3A%2F%2Fexample.test%2Fapi%2Fwebhooks%2Ftelegram"
                            + "&secret_token=" + secretToken))).statusCode()).isEqualTo(200);
            assertThat(h.postJson(bot + "/sendMessage", "{\"chat_id\":500007907,\"text\":\"Hello\"}").statusCode())
                    .isEqualTo(200);
            h.get("/telegram/file/bot" + ACME_BOT_TOKEN + "/photos/none.jpg");
            h.postJson("/graph/v23.0/" + ACME_PHONE_NUMBER_ID + "/messages?access_token=" + ACME_WHATSAPP_TOKEN,
                    "{\"messaging_product\":\"whatsapp\",\"to\":\"447700900123\",\"type\":\"text\","
                            + "\"text\":{\"body\":\"hi\"}}");
            outboxes = h.get("/telegram/outbox").body() + h.get("/whatsapp/outbox").body();
            log = output.text();
        }
        assertThat(outboxes).contains("/telegram/bot" + ACME_BOT_ID + ":***/setWebhook").contains("\"secret_token\":\"***\"");
        assertThat(log).contains("/bot" + ACME_BOT_ID + ":***/sendMessage");
        for (String secret : new String[] {BOT_SECRET, secretToken, SandboxAccounts.ACME_BOT_WEBHOOK_SECRET,
                ACME_WHATSAPP_TOKEN}) {
            assertThat(outboxes).as("outbox").doesNotContain(secret);
            assertThat(log).as("log").doesNotContain(secret);
        }
    }
}
