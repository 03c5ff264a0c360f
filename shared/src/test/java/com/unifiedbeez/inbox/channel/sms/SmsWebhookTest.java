package com.unifiedbeez.inbox.channel.sms;

import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.AUTH_TOKEN;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.CUSTOMER;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.WEBHOOK_URL;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.body;
import static com.unifiedbeez.inbox.channel.sms.SmsFixtures.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.testing.InMemoryConnections;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmsWebhookTest {
    private final SmsWebhook webhook = new SmsWebhook();
    private final ChannelConnection ours = number();
    private final InMemoryConnections connections = InMemoryConnections.of(ours);

    /** A delivery as Twilio makes it: the body signed with the account's auth token for the URL called. */
    private static WebhookRequest signed(String url, String body) {
        return delivery(url, body, TwilioSignature.sign(AUTH_TOKEN, url, TwilioForm.parse(body)));
    }

    private static WebhookRequest delivery(String url, String body, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/x-www-form-urlencoded"));
        if (signature != null) {
            headers.put("x-twilio-signature", signature);
        }
        return new WebhookRequest("POST", url, headers, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anIncomingSmsIsOneUnitOfTheSenderOnTheNumberItWasSentTo() {
        String body = body("inbound-sms.txt");

        List<WebhookUnit> units = webhook.validateWebhook(signed(WEBHOOK_URL, body), connections);

        assertThat(units).hasSize(1);
        assertThat(units.get(0).connection()).isSameAs(ours);
        assertThat(units.get(0).customer()).isEqualTo(CUSTOMER);
        assertThat(units.get(0).payload()).isEqualTo(body);
    }

    @Test
    void aStatusCallbackIsFoundByItsFromNumberAndBelongsToTheRecipient() {
        String body = body("status-delivered.txt");

        List<WebhookUnit> units = webhook.validateWebhook(signed(WEBHOOK_URL, body), connections);

        assertThat(units).extracting(WebhookUnit::customer).containsExactly(CUSTOMER);
        assertThat(units.get(0).payload()).isEqualTo(body);
    }

    @Test
    void twiliosDocumentedSentCallbackWithoutToBelongsToItsMessage() {
        ChannelConnection documented = number("+15017250604");

        List<WebhookUnit> units = webhook.validateWebhook(signed(WEBHOOK_URL, body("status-sent.txt")),
                InMemoryConnections.of(documented));

        assertThat(units).singleElement().satisfies(unit -> {
            assertThat(unit.connection()).isSameAs(documented);
            assertThat(unit.customer()).isEqualTo("SM1342fe1b2c904d1ab04f0fc7a58abca9");
        });
    }

    @Test
    void theSignatureCoversTheExactUrlIncludingItsQuery() {
        String url = WEBHOOK_URL + "?tenant=a%20b";
        String body = body("inbound-sms.txt");

        assertThat(webhook.validateWebhook(signed(url, body), connections)).hasSize(1);
        assertThatThrownBy(() -> webhook.validateWebhook(delivery(WEBHOOK_URL, body,
                TwilioSignature.sign(AUTH_TOKEN, url, TwilioForm.parse(body))), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aMissingWrongOrForeignSignatureIsRejectedAs401() {
        String body = body("inbound-sms.txt");
        for (String signature : new String[] {null, "", "bm90IGl0", TwilioSignature.sign("another-token", WEBHOOK_URL,
                TwilioForm.parse(body))}) {
            assertThatThrownBy(() -> webhook.validateWebhook(delivery(WEBHOOK_URL, body, signature), connections))
                    .as(String.valueOf(signature))
                    .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.type()).isEqualTo("webhook-signature-invalid");
                    })
                    .hasMessageNotContaining(AUTH_TOKEN);
        }
    }

    @Test
    void aTamperedBodyIsRejected() {
        String body = body("inbound-sms.txt");
        String signature = TwilioSignature.sign(AUTH_TOKEN, WEBHOOK_URL, TwilioForm.parse(body));

        assertThatThrownBy(() -> webhook.validateWebhook(delivery(WEBHOOK_URL,
                body.replace("Is+my+order", "Send+my+refund"), signature), connections))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void anUnknownOrDisconnectedNumberIsRefusedAsABadSignatureIs() {
        assertThatThrownBy(() -> webhook.validateWebhook(signed(WEBHOOK_URL, body("inbound-sms.txt")),
                InMemoryConnections.of(number("+14155550199"))))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
        ChannelConnection gone = new ChannelConnection(ours.id(), ours.organizationId(), ours.channel(), ours.externalId(),
                ours.name(), "disconnected", ours.config(), ours.secrets());
        assertThatThrownBy(() -> webhook.validateWebhook(signed(WEBHOOK_URL, body("inbound-sms.txt")),
                InMemoryConnections.of(gone)))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aBodyThatIsNeitherMessageNorStatusIsMalformed() {
        assertThatThrownBy(() -> webhook.validateWebhook(signed(WEBHOOK_URL, "hello=world"), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> webhook.validateWebhook(signed(WEBHOOK_URL, "MessageSid=SM1&Body=hi"), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
