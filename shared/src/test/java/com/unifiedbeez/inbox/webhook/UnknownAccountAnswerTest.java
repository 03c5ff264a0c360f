package com.unifiedbeez.inbox.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.instagram.InstagramWebhook;
import com.unifiedbeez.inbox.channel.messenger.MessengerWebhook;
import com.unifiedbeez.inbox.channel.sms.SmsWebhook;
import com.unifiedbeez.inbox.channel.telegram.TelegramWebhook;
import com.unifiedbeez.inbox.channel.whatsapp.WhatsAppWebhook;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A caller without the platform's secret learns nothing from a public webhook about which
 * accounts are connected: a delivery for an account not connected here is answered exactly as a
 * delivery for a connected account with a wrong signature (status, type and body), and neither is
 * queued.
 */
class UnknownAccountAnswerTest {
    private static final Config CONFIG = TestDatabase.config().with(PlatformEndpoints.META_APP_SECRET, "app-secret");
    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final String queueUrl = LocalAws.createQueue(LocalAws.unique("unknown-account"), true);
    private final WebhookIntake intake = new WebhookIntake(
            new ConnectionStore(new Database(TestDatabase.dataSource()), new CredentialCipher(TestDatabase.config())),
            new SqsInboundQueue(LocalAws.sqs(), LocalAws.config().with(SqsInboundQueue.QUEUE_URL, queueUrl)));
    private final UUID org = fixtures.organization("Webhooks");

    /** Each channel: its adapter, the secrets a connection holds, and a delivery for an account with a forged signature. */
    enum Platform {
        WHATSAPP(Channel.WHATSAPP, Map.of("accessToken", "EAAG-token"), account -> delivery("whatsapp",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1020\",\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"phone_number_id\":\"" + account
                        + "\"},\"messages\":[{\"from\":\"447700900001\",\"id\":\"wamid.1\",\"timestamp\":\"1700000000\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}",
                Map.of("x-hub-signature-256", "sha256=" + "0".repeat(64), "content-type", "application/json"))),
        MESSENGER(Channel.MESSENGER, Map.of("accessToken", "EAAG-page"), account -> delivery("messenger",
                "{\"object\":\"page\",\"entry\":[{\"id\":\"" + account + "\",\"time\":1700000000000,\"messaging\":[{"
                        + "\"sender\":{\"id\":\"2000000300000001\"},\"recipient\":{\"id\":\"" + account + "\"},"
                        + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_1\",\"text\":\"hi\"}}]}]}",
                Map.of("x-hub-signature-256", "sha256=" + "1".repeat(64), "content-type", "application/json"))),
        INSTAGRAM(Channel.INSTAGRAM, Map.of("accessToken", "EAAG-ig"), account -> delivery("instagram",
                "{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + account + "\",\"time\":1700000000000,\"messaging\":[{"
                        + "\"sender\":{\"id\":\"17841400001000007\"},\"recipient\":{\"id\":\"" + account + "\"},"
                        + "\"timestamp\":1700000000000,\"message\":{\"mid\":\"m_2\",\"text\":\"hi\"}}]}]}",
                Map.of("x-hub-signature-256", "sha256=" + "2".repeat(64), "content-type", "application/json"))),
        TELEGRAM(Channel.TELEGRAM, Map.of("botToken", "x:y", "webhookSecret", "the-real-secret"), account -> delivery(
                "telegram", "{\"update_id\":1,\"message\":{\"message_id\":1,\"date\":1700000000,\"chat\":{\"id\":500007907,"
                        + "\"type\":\"private\"},\"from\":{\"id\":500007907,\"is_bot\":false,\"first_name\":\"Ivan\"},"
                        + "\"text\":\"hi\"}}",
                Map.of("x-telegram-bot-api-secret-token", account + "_a-guess", "content-type", "application/json"))),
        SMS(Channel.SMS, Map.of("accountSid", "AC" + "0".repeat(32), "authToken", "f".repeat(32)), account -> delivery(
                "sms", "MessageSid=SM" + "1".repeat(32) + "&SmsStatus=received&From=%2B14155550123&To="
                        + account.replace("+", "%2B") + "&Body=hi&NumMedia=0",
                Map.of("x-twilio-signature", "bm90IGEgc2lnbmF0dXJl", "content-type", "application/x-www-form-urlencoded")));

        final Channel channel;
        final Map<String, String> secrets;
        final Function<String, WebhookRequest> forgedFor;

        Platform(Channel channel, Map<String, String> secrets, Function<String, WebhookRequest> forgedFor) {
            this.channel = channel;
            this.secrets = secrets;
            this.forgedFor = forgedFor;
        }

        WebhookAdapter adapter() {
            return switch (this) {
                case WHATSAPP -> new WhatsAppWebhook(CONFIG);
                case MESSENGER -> new MessengerWebhook(CONFIG);
                case INSTAGRAM -> new InstagramWebhook(CONFIG);
                case TELEGRAM -> new TelegramWebhook();
                case SMS -> new SmsWebhook();
            };
        }

        String newAccount() {
            long digits = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
            return this == SMS ? "+1" + digits : Long.toString(digits);
        }

        private static WebhookRequest delivery(String channel, String body, Map<String, String> headers) {
            return new WebhookRequest("POST", "https://hooks.example.test/api/webhooks/" + channel, headers, Map.of(),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Platform.class)
    void anUnknownAccountIsAnsweredAsABadSignature(Platform platform) {
        String connected = platform.newAccount();
        fixtures.channelConnection(org, platform.channel, connected, "{}", platform.secrets);
        WebhookAdapter adapter = platform.adapter();

        WebhookResponse badSignature = intake.handle(platform.forgedFor.apply(connected), adapter);
        WebhookResponse unknownAccount = intake.handle(platform.forgedFor.apply(platform.newAccount()), adapter);

        assertThat(badSignature.status()).isEqualTo(401);
        assertThat(unknownAccount.status()).isEqualTo(badSignature.status());
        assertThat(unknownAccount.contentType()).isEqualTo(badSignature.contentType());
        assertThat(unknownAccount.body()).isEqualTo(badSignature.body());
        assertThat(LocalAws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages())
                .as("nothing queued").isEmpty();
    }
}
