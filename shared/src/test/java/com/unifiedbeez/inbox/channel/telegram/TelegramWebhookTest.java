package com.unifiedbeez.inbox.channel.telegram;

import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.BOT_ID;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.WEBHOOK_SECRET;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.bot;
import static com.unifiedbeez.inbox.channel.telegram.TelegramFixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.testing.InMemoryConnections;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramWebhookTest {
    private final TelegramWebhook webhook = new TelegramWebhook();
    private final ChannelConnection bot = bot();
    private final InMemoryConnections connections = InMemoryConnections.of(bot);

    private static WebhookRequest delivery(String secretHeader, String body) {
        Map<String, String> headers = secretHeader == null ? Map.of("content-type", "application/json")
                : Map.of("content-type", "application/json", "x-telegram-bot-api-secret-token", secretHeader);
        return new WebhookRequest("POST", "https://inbox.example.com/api/webhooks/telegram", headers, Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String ourSecret() {
        return TelegramWebhook.secretToken(BOT_ID, WEBHOOK_SECRET);
    }

    @Test
    void aMessageWithTheBotsSecretIsOneUnitOfItsChatWithTheUpdateAsReceived() {
        String body = update("message-text.json");

        List<WebhookUnit> units = webhook.validateWebhook(delivery(ourSecret(), body), connections);

        assertThat(units).hasSize(1);
        assertThat(units.get(0).connection()).isSameAs(bot);
        assertThat(units.get(0).customer()).isEqualTo("1111111");
        assertThat(units.get(0).payload()).isEqualTo(body);
    }

    @Test
    void editedMessagesAndCallbackQueriesBelongToTheirChat() {
        assertThat(webhook.validateWebhook(delivery(ourSecret(), update("edited-message.json")), connections))
                .extracting(WebhookUnit::customer).containsExactly("1111111");
        assertThat(webhook.validateWebhook(delivery(ourSecret(), update("callback-query-message.json")), connections))
                .extracting(WebhookUnit::customer).containsExactly("1111111");
        // Pressed on an inline-mode message: no message, the presser's private chat (= user id).
        assertThat(webhook.validateWebhook(delivery(ourSecret(), update("callback-query-inline.json")), connections))
                .extracting(WebhookUnit::customer).containsExactly("1111111");
    }

    @Test
    void theSecretTokenIsWithinTelegramsAllowedCharacters() {
        assertThat(ourSecret()).isEqualTo("123456789_Zq3-xv_9Lm0pR7tWk2").matches("[A-Za-z0-9_-]{1,256}");
    }

    @Test
    void aMissingSecretIsRejectedAs401() {
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(null, update("message-text.json")), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.type()).isEqualTo("webhook-signature-invalid");
                });
    }

    @Test
    void aWrongSecretForAKnownBotIsRejected() {
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(BOT_ID + "_" + WEBHOOK_SECRET + "x",
                update("message-text.json")), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining(WEBHOOK_SECRET);
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(BOT_ID + "_", update("message-text.json")), connections))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aSecretThatNamesNoBotIsRejected() {
        for (String header : List.of(WEBHOOK_SECRET, "_" + WEBHOOK_SECRET, "abc_" + WEBHOOK_SECRET)) {
            assertThatThrownBy(() -> webhook.validateWebhook(delivery(header, update("message-text.json")), connections))
                    .as(header).isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void anUnknownOrDisconnectedBotIsRefusedAsAWrongSecretIs() {
        String header = TelegramWebhook.secretToken("987654321", WEBHOOK_SECRET);
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(header, update("message-text.json")), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));

        InMemoryConnections disconnected = InMemoryConnections.of(bot("disconnected"));
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(ourSecret(), update("message-text.json")), disconnected))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void kindsWeNeverStoreAreAcknowledgedWithNoUnits() {
        assertThat(webhook.validateWebhook(delivery(ourSecret(), update("my-chat-member.json")), connections)).isEmpty();
    }

    @Test
    void aBodyThatIsNotAnUpdateIsMalformedOnceTheSecretIsRight() {
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(ourSecret(), "not json"), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(ourSecret(), "{\"message\":{}}"), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
