package com.unifiedbeez.inbox.channel.whatsapp;

import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.CUSTOMER;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.connection;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.WebhookRejected;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.channel.WebhookUnit;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.InMemoryConnections;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WhatsAppWebhookTest {
    static final String APP_SECRET = "a3f1c9d2e8b74f60a1b2c3d4e5f60718";
    static final String VERIFY_TOKEN = "beez-verify-42";

    final WhatsAppWebhook webhook = new WhatsAppWebhook(Config.of(Map.of(
            PlatformEndpoints.META_APP_SECRET, APP_SECRET, PlatformEndpoints.META_VERIFY_TOKEN, VERIFY_TOKEN)));
    final ChannelConnection support = connection(PHONE_NUMBER_ID);
    final InMemoryConnections directory = InMemoryConnections.of(support);

    /** Computed here with the JDK's Mac, not with the code under test. */
    static String signature(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    static WebhookRequest post(byte[] body, String signature) {
        Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
        if (signature != null) {
            headers.put("x-hub-signature-256", signature);
        }
        return new WebhookRequest("POST", "https://api.example.com/api/webhooks/whatsapp", headers, Map.of(), body);
    }

    @Test
    void aCorrectlySignedDeliveryIsAccepted() throws Exception {
        byte[] body = fixture("text.json").getBytes(StandardCharsets.UTF_8);

        List<WebhookUnit> units = webhook.validateWebhook(post(body, signature(APP_SECRET, body)), directory);

        assertThat(units).singleElement().satisfies(u -> {
            assertThat(u.connection()).isSameAs(support);
            assertThat(u.customer()).isEqualTo(CUSTOMER);
        });
    }

    @Test
    void aWrongSignatureIsRejectedBeforeAnyLookup() throws Exception {
        byte[] body = fixture("text.json").getBytes(StandardCharsets.UTF_8);

        assertRejected(post(body, signature("another-app-secret", body)), 401, "webhook-signature-invalid");
        assertRejected(post(body, "sha256=not-hex"), 401, "webhook-signature-invalid");
        assertRejected(post(body, signature(APP_SECRET, body).replace("sha256=", "sha1=")), 401, "webhook-signature-invalid");
        assertThat(directory.lookups()).isZero();
    }

    @Test
    void aMissingSignatureIsRejected() {
        byte[] body = fixture("text.json").getBytes(StandardCharsets.UTF_8);

        assertRejected(post(body, null), 401, "webhook-signature-invalid");
        assertRejected(post(body, ""), 401, "webhook-signature-invalid");
        assertThat(directory.lookups()).isZero();
    }

    @Test
    void aBodyChangedByOneByteNoLongerMatches() throws Exception {
        byte[] body = fixture("text.json").getBytes(StandardCharsets.UTF_8);
        String signature = signature(APP_SECRET, body);
        byte[] altered = body.clone();
        int at = fixture("text.json").indexOf("another color") + "another ".length();
        altered[at] = (byte) 'k'; // "color" -> "kolor"

        assertRejected(post(altered, signature), 401, "webhook-signature-invalid");
        assertThat(directory.lookups()).isZero();
    }

    @Test
    void aSignedBodyThatIsNotAWhatsAppNotificationIsMalformed() throws Exception {
        byte[] notJson = "hub.mode=subscribe".getBytes(StandardCharsets.UTF_8);
        byte[] page = "{\"object\":\"page\",\"entry\":[]}".getBytes(StandardCharsets.UTF_8);

        assertRejected(post(notJson, signature(APP_SECRET, notJson)), 400, "webhook-payload-invalid");
        assertRejected(post(page, signature(APP_SECRET, page)), 400, "webhook-payload-invalid");
    }

    @Test
    void theChallengeIsEchoedOnlyForOurVerifyToken() {
        Map<String, String> handshake = Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "1158201444");

        assertThat(webhook.verifySubscription(handshake)).contains("1158201444");
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.verify_token", "guess",
                "hub.challenge", "1158201444"))).isEmpty();
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "unsubscribe", "hub.verify_token", VERIFY_TOKEN,
                "hub.challenge", "1158201444"))).isEmpty();
        assertThat(webhook.verifySubscription(Map.of("hub.mode", "subscribe", "hub.verify_token", VERIFY_TOKEN))).isEmpty();
        assertThat(new WhatsAppWebhook(Config.of(Map.of())).verifySubscription(handshake)).isEmpty();
    }

    @Test
    void aDeliveryIsSplitPerMessageAndStatusInOrderAndUnknownNumbersAreDropped() throws Exception {
        ChannelConnection sales = connection("220000000000002");
        InMemoryConnections both = InMemoryConnections.of(support, sales);
        String payload = """
                {"object":"whatsapp_business_account","entry":[
                 {"id":"102290129340398","changes":[{"field":"messages","value":{
                   "messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                   "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"},
                               {"profile":{"name":"Kai Moreno"},"wa_id":"447700900123"}],
                   "messages":[
                     {"from":"16505551234","id":"wamid.A1","timestamp":"1749416383","type":"text","text":{"body":"first"}},
                     {"from":"447700900123","id":"wamid.B1","timestamp":"1749416384","type":"text","text":{"body":"second"}}]}}]},
                 {"id":"999999999999999","changes":[{"field":"messages","value":{
                   "messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550000000","phone_number_id":"000000000000000"},
                   "contacts":[{"profile":{"name":"Nobody"},"wa_id":"15550001111"}],
                   "messages":[{"from":"15550001111","id":"wamid.X","timestamp":"1749416385","type":"text","text":{"body":"lost"}}]}}]},
                 {"id":"102290129340398","changes":[
                   {"field":"message_template_status_update","value":{"event":"APPROVED"}},
                   {"field":"messages","value":{
                   "messaging_product":"whatsapp",
                   "metadata":{"display_phone_number":"15550783882","phone_number_id":"220000000000002"},
                   "statuses":[
                     {"id":"wamid.OUT1","status":"delivered","timestamp":"1749416390","recipient_id":"16505551234"},
                     {"id":"wamid.OUT2","status":"read","timestamp":"1749416391","recipient_id":"447700900123"}]}}]}]}
                """;
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);

        List<WebhookUnit> units = webhook.validateWebhook(post(body, signature(APP_SECRET, body)), both);

        assertThat(units).extracting(WebhookUnit::customer)
                .containsExactly("16505551234", "447700900123", "16505551234", "447700900123");
        assertThat(units).extracting(WebhookUnit::connection).containsExactly(support, support, sales, sales);

        JsonNode first = Json.mapper().readTree(units.get(0).payload());
        assertThat(first.path("object").asText()).isEqualTo("whatsapp_business_account");
        assertThat(first.path("entry")).hasSize(1);
        assertThat(first.path("entry").get(0).path("id").asText()).isEqualTo("102290129340398");
        JsonNode change = first.path("entry").get(0).path("changes");
        assertThat(change).hasSize(1);
        assertThat(change.get(0).path("field").asText()).isEqualTo("messages");
        JsonNode value = change.get(0).path("value");
        assertThat(value.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(value.path("metadata").path("phone_number_id").asText()).isEqualTo(PHONE_NUMBER_ID);
        assertThat(value.path("contacts")).hasSize(1);
        assertThat(value.path("contacts").get(0).path("profile").path("name").asText()).isEqualTo("Sheena Nelson");
        assertThat(value.path("messages")).hasSize(1);
        assertThat(value.path("messages").get(0).path("id").asText()).isEqualTo("wamid.A1");
        assertThat(value.has("statuses")).isFalse();

        JsonNode second = Json.mapper().readTree(units.get(1).payload()).path("entry").get(0).path("changes").get(0).path("value");
        assertThat(second.path("contacts").get(0).path("wa_id").asText()).isEqualTo("447700900123");
        assertThat(second.path("messages").get(0).path("text").path("body").asText()).isEqualTo("second");

        JsonNode read = Json.mapper().readTree(units.get(3).payload()).path("entry").get(0).path("changes").get(0).path("value");
        assertThat(read.path("statuses")).hasSize(1);
        assertThat(read.path("statuses").get(0).path("id").asText()).isEqualTo("wamid.OUT2");
        assertThat(read.path("metadata").path("phone_number_id").asText()).isEqualTo("220000000000002");
        assertThat(read.has("messages")).isFalse();
        assertThat(read.has("contacts")).isFalse();
    }

    @Test
    void everyDocumentedPayloadIsOneUnitTheNormalizerReadsAsTheOriginal() throws Exception {
        WhatsAppInbound inbound = new WhatsAppInbound(Config.of(Map.of()), new PlatformHttp());
        for (String name : List.of("text.json", "image.json", "location.json", "interactive-button-reply.json",
                "reaction.json", "status-delivered.json", "status-failed.json", "unsupported.json")) {
            byte[] body = fixture(name).getBytes(StandardCharsets.UTF_8);

            List<WebhookUnit> units = webhook.validateWebhook(post(body, signature(APP_SECRET, body)), directory);

            assertThat(units).as(name).hasSize(1);
            assertThat(units.get(0).customer()).as(name).isEqualTo(CUSTOMER);
            assertThat(inbound.normalizeIncoming(support, units.get(0).payload())).as(name)
                    .isEqualTo(inbound.normalizeIncoming(support, fixture(name)));
        }
    }

    private void assertRejected(WebhookRequest request, int status, String type) {
        assertThatThrownBy(() -> webhook.validateWebhook(request, directory))
                .isInstanceOfSatisfying(WebhookRejected.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.getMessage()).doesNotContain(APP_SECRET);
                });
    }
}
