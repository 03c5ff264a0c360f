package com.unifiedbeez.inbox.channel.instagram;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.VERIFY_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.bytes;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class InstagramWebhookTest {
    private static final String IG_ID = "17841405822304914";
    // openssl dgst -sha256 -hmac 'test-app-secret' events/webhooks/instagram/message-text.json
    private static final String TEXT_SIGNATURE =
            "sha256=dab3bc4f7a9d06318b76b237cbfb5cd5f7aadd38499135fa7a6d25a4309e6445";

    private final InstagramWebhook webhook = new InstagramWebhook(MetaSamples.config("http://unused.test"));
    private final ChannelConnection account =
            MetaSamples.connection(Channel.INSTAGRAM, IG_ID, "{\"pageId\":\"106459471234567\"}");
    private final InMemoryConnections connections = InMemoryConnections.of(account);

    @Test
    void answersTheChallenge() {
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "42"))).contains("42");
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN + "x",
                "hub.challenge", "42"))).isEmpty();
    }

    @Test
    void oneUnitPerEventForTheCustomersIgsid() throws Exception {
        List<WebhookUnit> units = webhook.validateWebhook(
                post(bytes("instagram", "message-text.json"), TEXT_SIGNATURE), connections);

        assertThat(units).singleElement().satisfies(unit -> {
            assertThat(unit.connection()).isEqualTo(account);
            assertThat(unit.customer()).isEqualTo("5482719348201933");
            assertThat(Json.mapper().readTree(unit.payload()))
                    .isEqualTo(Json.mapper().readTree(bytes("instagram", "message-text.json")));
        });
    }

    @Test
    void echoesGoToTheConversationOfTheirRecipient() {
        byte[] body = bytes("instagram", "message-echo.json");

        assertThat(webhook.validateWebhook(post(body, MetaSignature.sign(MetaSamples.APP_SECRET, body)), connections))
                .singleElement().extracting(WebhookUnit::customer).isEqualTo("5482719348201933");
    }

    @Test
    void anUnknownAccountIsDroppedAndCommentChangesAreSkipped() {
        byte[] otherAccount = new String(bytes("instagram", "story-reply.json"), StandardCharsets.UTF_8)
                .replace("\"id\": \"" + IG_ID + "\"", "\"id\": \"17840000000000000\"").getBytes(StandardCharsets.UTF_8);
        byte[] comment = ("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG_ID + "\",\"time\":1569262486134,"
                + "\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"1790\",\"text\":\"nice\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);

        for (byte[] body : List.of(otherAccount, comment)) {
            assertThat(webhook.validateWebhook(post(body, MetaSignature.sign(MetaSamples.APP_SECRET, body)), connections))
                    .isEmpty();
        }
    }

    @Test
    void aPagePayloadOrABadSignatureIsRefused() {
        byte[] page = bytes("messenger", "message-text.json");
        assertThatThrownBy(() -> webhook.validateWebhook(
                post(page, MetaSignature.sign(MetaSamples.APP_SECRET, page)), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> webhook.validateWebhook(
                post(bytes("instagram", "message-text.json"), MetaSignature.sign("other-secret",
                        bytes("instagram", "message-text.json"))), connections))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
    }
}
