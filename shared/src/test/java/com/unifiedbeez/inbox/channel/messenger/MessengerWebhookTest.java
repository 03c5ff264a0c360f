package com.unifiedbeez.inbox.channel.messenger;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.VERIFY_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.bytes;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import com.unifiedbeez.inbox.channel.meta.MetaSignature;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.InMemoryConnections;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessengerWebhookTest {
    private static final String PAGE_ID = "106459471234567";
    // openssl dgst -sha256 -hmac 'test-app-secret' events/webhooks/messenger/two-pages-batch.json
    private static final String BATCH_SIGNATURE =
            "sha256=f8e0b931953369f1d20bb960d6c589b97e241a7861a7ce9be7a7c4f3d7ec3ffd";

    private final MessengerWebhook webhook = new MessengerWebhook(MetaSamples.config("http://unused.test"));
    private final ChannelConnection page = MetaSamples.connection(Channel.MESSENGER, PAGE_ID, "{}");
    private final InMemoryConnections connections = InMemoryConnections.of(page,
            MetaSamples.connection(Channel.INSTAGRAM, "999000111222333", "{}")); // same id, other channel

    @Test
    void answersTheSubscriptionChallengeOnlyWithOurToken() {
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "1158201444"))).contains("1158201444");
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.verify_token", "guess",
                "hub.challenge", "1158201444"))).isEmpty();
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "unsubscribe", "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "1158201444"))).isEmpty();
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.challenge", "1"))).isEmpty();
        assertThat(webhook.verifySubscription(Map.of())).isEmpty();
    }

    @Test
    void splitsABatchPerEventAndDropsTheUnknownPage() {
        List<WebhookUnit> units = webhook.validateWebhook(
                post(bytes("messenger", "two-pages-batch.json"), BATCH_SIGNATURE), connections);

        assertThat(units).extracting(WebhookUnit::customer).containsExactly("6783948573829103", "7001122334455667");
        assertThat(units).extracting(WebhookUnit::connection).containsOnly(page);
        JsonNode first = read(units.get(0).payload());
        assertThat(first.path("object").asText()).isEqualTo("page");
        assertThat(first.path("entry")).hasSize(1);
        assertThat(first.at("/entry/0/id").asText()).isEqualTo(PAGE_ID);
        assertThat(first.at("/entry/0/time").asLong()).isEqualTo(1458692752478L);
        assertThat(first.at("/entry/0/messaging")).hasSize(1);
        assertThat(first.at("/entry/0/messaging/0/message/mid").asText()).isEqualTo("m_first");
        assertThat(read(units.get(1).payload()).at("/entry/0/messaging/0/message/text").asText()).isEqualTo("second");
    }

    @Test
    void anEchoBelongsToItsRecipient() {
        byte[] body = bytes("messenger", "message-echo.json");
        List<WebhookUnit> units = webhook.validateWebhook(post(body, sign(body)), connections);

        assertThat(units).singleElement().extracting(WebhookUnit::customer).isEqualTo("6783948573829103");
    }

    @Test
    void refusesMissingWrongAndStaleSignatures() {
        byte[] body = bytes("messenger", "two-pages-batch.json");
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("first", "fIrst").getBytes(StandardCharsets.UTF_8);

        for (var request : List.of(post(body, null), post(body, "sha256=" + "0".repeat(64)),
                post(body, BATCH_SIGNATURE.replace("sha256=", "sha1=")), post(altered, BATCH_SIGNATURE))) {
            assertThatThrownBy(() -> webhook.validateWebhook(request, connections))
                    .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    @Test
    void refusesAnotherObjectOrABodyThatIsNotJson() {
        byte[] instagram = bytes("instagram", "message-text.json");
        byte[] notJson = "object=page".getBytes(StandardCharsets.UTF_8);
        byte[] noEntry = "{\"object\":\"page\"}".getBytes(StandardCharsets.UTF_8);

        for (byte[] body : List.of(instagram, notJson, noEntry)) {
            assertThatThrownBy(() -> webhook.validateWebhook(post(body, sign(body)), connections))
                    .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void aChatPluginVisitorWithoutPsidIsSkipped() {
        byte[] body = ("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE_ID + "\",\"time\":1,\"messaging\":["
                + "{\"sender\":{\"user_ref\":\"USER-REF-ID\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                + "\"timestamp\":1,\"message\":{\"mid\":\"m_plugin\",\"text\":\"hi\"}},"
                + "{\"sender\":{\"id\":\"6783948573829103\"},\"recipient\":{\"id\":\"" + PAGE_ID + "\"},"
                + "\"timestamp\":2,\"message\":{\"mid\":\"m_app\",\"text\":\"hello\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(webhook.validateWebhook(post(body, sign(body)), connections))
                .singleElement().extracting(WebhookUnit::customer).isEqualTo("6783948573829103");
    }

    @Test
    void aDisconnectedPageIsUnknown() {
        ChannelConnection gone = new ChannelConnection(page.id(), page.organizationId(), Channel.MESSENGER, PAGE_ID,
                "old", "disconnected", null, null);
        byte[] body = bytes("messenger", "message-text.json");

        assertThat(webhook.validateWebhook(post(body, sign(body)), InMemoryConnections.of(gone))).isEmpty();
    }

    static String sign(byte[] body) {
        return MetaSignature.sign(MetaSamples.APP_SECRET, body);
    }

    private static JsonNode read(String payload) {
        try {
            return Json.mapper().readTree(payload);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
