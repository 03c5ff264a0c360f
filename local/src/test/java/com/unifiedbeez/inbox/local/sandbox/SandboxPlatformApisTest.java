package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PAGE_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PAGE_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_SMS_NUMBER;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_TWILIO_ACCOUNT_SID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_TWILIO_AUTH_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WABA_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WHATSAPP_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.GLOBEX_WHATSAPP_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The platform stand-ins answer in the platforms' formats, and a send is followed by signed delivery callbacks. */
class SandboxPlatformApisTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String META_SECRET = "local-sandbox-meta-app-secret"; // written out: the documented local value
    SandboxHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = SandboxHarness.get();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** The next webhook at the receiver, its Meta signature checked against the raw bytes. */
    JsonNode nextMetaWebhook(String channel) throws Exception {
        Receiver.Received r = h.receiver.next();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/webhooks/" + channel);
        assertThat(r.header("content-type")).startsWith("application/json");
        assertThat(r.header("x-hub-signature-256")).isEqualTo(Hmacs.metaHeader(META_SECRET, r.body()));
        return JSON.readTree(r.body());
    }

    @Test
    void whatsappSendAnswersWithAWamidThenSentDeliveredReadArriveSigned() throws Exception {
        HttpResponse<String> sent = h.postJson("/graph/v23.0/" + ACME_PHONE_NUMBER_ID + "/messages",
                "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\"+447700900123\","
                        + "\"type\":\"text\",\"text\":{\"body\":\"Your order shipped\"}}",
                "Authorization", "Bearer " + ACME_WHATSAPP_TOKEN);
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode answer = json(sent);
        assertThat(answer.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(answer.get("contacts").get(0).get("input").asText()).isEqualTo("+447700900123");
        assertThat(answer.get("contacts").get(0).get("wa_id").asText()).isEqualTo("447700900123");
        String wamid = answer.get("messages").get(0).get("id").asText();
        assertThat(wamid).startsWith("wamid.");

        for (String status : new String[] {"sent", "delivered", "read"}) {
            JsonNode hook = nextMetaWebhook("whatsapp");
            assertThat(hook.get("object").asText()).isEqualTo("whatsapp_business_account");
            JsonNode entry = hook.get("entry").get(0);
            assertThat(entry.get("id").asText()).isEqualTo(ACME_WABA_ID);
            JsonNode value = entry.get("changes").get(0).get("value");
            assertThat(entry.get("changes").get(0).get("field").asText()).isEqualTo("messages");
            assertThat(value.get("metadata").get("phone_number_id").asText()).isEqualTo(ACME_PHONE_NUMBER_ID);
            assertThat(value.get("metadata").get("display_phone_number").asText()).isEqualTo("15550100100");
            JsonNode s = value.get("statuses").get(0);
            assertThat(s.get("id").asText()).isEqualTo(wamid);
            assertThat(s.get("status").asText()).isEqualTo(status);
            assertThat(s.get("recipient_id").asText()).isEqualTo("447700900123");
            assertThat(s.get("timestamp").asText()).matches("\\d{10}");
        }

        JsonNode outbox = json(h.get("/whatsapp/outbox"));
        JsonNode last = outbox.get("items").get(0);
        assertThat(last.get("method").asText()).isEqualTo("POST");
        assertThat(last.get("path").asText()).isEqualTo("/graph/v23.0/" + ACME_PHONE_NUMBER_ID + "/messages");
        assertThat(last.get("request").get("text").get("body").asText()).isEqualTo("Your order shipped");
        assertThat(last.get("response").get("messages").get(0).get("id").asText()).isEqualTo(wamid);
        assertThat(outbox.toString()).doesNotContain(ACME_WHATSAPP_TOKEN);
        JsonNode fired = json(h.get("/whatsapp/webhooks")).get("items");
        assertThat(fired.get(0).get("kind").asText()).isEqualTo("status read");
        assertThat(fired.get(0).get("status").asInt()).isEqualTo(200);
    }

    @Test
    void aWrongTokenIsMetasOAuthError401AndNothingFollows() throws Exception {
        HttpResponse<String> r = h.postJson("/graph/v23.0/" + ACME_PHONE_NUMBER_ID + "/messages",
                "{\"messaging_product\":\"whatsapp\",\"to\":\"447700900123\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}",
                "Authorization", "Bearer not-a-token");
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode error = json(r).get("error");
        assertThat(error.get("message").asText()).isEqualTo("Invalid OAuth access token.");
        assertThat(error.get("type").asText()).isEqualTo("OAuthException");
        assertThat(error.get("code").asInt()).isEqualTo(190);
        assertThat(error.get("fbtrace_id").asText()).isNotBlank();

        // a valid token of another account does not open this number
        HttpResponse<String> other = h.postJson("/graph/v23.0/" + ACME_PHONE_NUMBER_ID + "/messages",
                "{\"messaging_product\":\"whatsapp\",\"to\":\"447700900123\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}",
                "Authorization", "Bearer " + GLOBEX_WHATSAPP_TOKEN);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(json(other).get("error").get("code").asInt()).isEqualTo(100);
        assertThat(json(other).get("error").get("type").asText()).isEqualTo("GraphMethodException");

        HttpResponse<String> noTo = h.postJson("/graph/v23.0/" + ACME_PHONE_NUMBER_ID + "/messages",
                "{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"x\"}}",
                "Authorization", "Bearer " + ACME_WHATSAPP_TOKEN);
        assertThat(noTo.statusCode()).isEqualTo(400);
        assertThat(json(noTo).get("error").get("message").asText()).isEqualTo("(#100) The parameter to is required.");
        assertThat(h.receiver.quietFor(300)).isTrue();
    }

    @Test
    void healthProbesReadTheAccountsAsMetaAnswersThem() throws Exception {
        JsonNode number = json(h.get("/graph/v23.0/" + ACME_PHONE_NUMBER_ID
                + "?fields=verified_name,display_phone_number,quality_rating", "Authorization", "Bearer "
                + ACME_WHATSAPP_TOKEN));
        assertThat(number.get("verified_name").asText()).isEqualTo("Acme Support");
        assertThat(number.get("display_phone_number").asText()).isEqualTo("+1 555-010-0100");
        assertThat(number.get("id").asText()).isEqualTo(ACME_PHONE_NUMBER_ID);
        assertThat(number.has("platform_type")).isFalse();

        JsonNode apps = json(h.get("/graph/v23.0/" + ACME_WABA_ID + "/subscribed_apps?access_token="
                + ACME_WHATSAPP_TOKEN));
        assertThat(apps.get("data").get(0).get("whatsapp_business_api_data").get("id").asText()).isNotBlank();

        JsonNode page = json(h.get("/graph/v23.0/" + ACME_PAGE_ID + "?fields=name", "Authorization", "Bearer "
                + ACME_PAGE_TOKEN));
        assertThat(page.get("name").asText()).isEqualTo("Acme Support");
        JsonNode pageApps = json(h.get("/graph/v23.0/" + ACME_PAGE_ID + "/subscribed_apps", "Authorization",
                "Bearer " + ACME_PAGE_TOKEN));
        assertThat(pageApps.get("data").get(0).get("subscribed_fields").toString()).contains("messages");
        JsonNode ig = json(h.get("/graph/v23.0/" + ACME_INSTAGRAM_ID + "?fields=username", "Authorization",
                "Bearer " + ACME_INSTAGRAM_TOKEN));
        assertThat(ig.get("username").asText()).isEqualTo("acme.support");
        assertThat(h.get("/graph/v23.0/" + ACME_PAGE_ID + "?fields=name", "Authorization", "Bearer nope").statusCode())
                .isEqualTo(401);
    }

    @Test
    void messengerSendIsFollowedByDeliveryThenReadWithWatermarks() throws Exception {
        HttpResponse<String> sent = h.postJson("/graph/v23.0/" + ACME_PAGE_ID + "/messages",
                "{\"recipient\":{\"id\":\"2000000300000001\"},\"messaging_type\":\"RESPONSE\","
                        + "\"message\":{\"text\":\"Hello from Acme\"}}", "Authorization", "Bearer " + ACME_PAGE_TOKEN);
        assertThat(sent.statusCode()).isEqualTo(200);
        String mid = json(sent).get("message_id").asText();
        assertThat(json(sent).get("recipient_id").asText()).isEqualTo("2000000300000001");
        assertThat(mid).startsWith("m_");

        JsonNode delivery = nextMetaWebhook("messenger");
        assertThat(delivery.get("object").asText()).isEqualTo("page");
        assertThat(delivery.get("entry").get(0).get("id").asText()).isEqualTo(ACME_PAGE_ID);
        JsonNode d = delivery.get("entry").get(0).get("messaging").get(0);
        assertThat(d.get("sender").get("id").asText()).isEqualTo("2000000300000001");
        assertThat(d.get("recipient").get("id").asText()).isEqualTo(ACME_PAGE_ID);
        assertThat(d.get("delivery").get("mids").get(0).asText()).isEqualTo(mid);
        long watermark = d.get("delivery").get("watermark").asLong();
        JsonNode read = nextMetaWebhook("messenger").get("entry").get(0).get("messaging").get(0);
        assertThat(read.get("read").get("watermark").asLong()).isEqualTo(watermark);

        // the Send API also takes /me/messages with the page token
        HttpResponse<String> me = h.postJson("/graph/v23.0/me/messages",
                "{\"recipient\":{\"id\":\"2000000300000001\"},\"sender_action\":\"typing_on\"}",
                "Authorization", "Bearer " + ACME_PAGE_TOKEN);
        assertThat(json(me).get("recipient_id").asText()).isEqualTo("2000000300000001");
        assertThat(json(me).has("message_id")).isFalse();
    }

    @Test
    void instagramSendIsFollowedByARead() throws Exception {
        HttpResponse<String> sent = h.postJson("/graph/v23.0/" + ACME_INSTAGRAM_ID + "/messages",
                "{\"recipient\":{\"id\":\"17841400001000007\"},\"message\":{\"text\":\"Hi!\"}}",
                "Authorization", "Bearer " + ACME_INSTAGRAM_TOKEN);
        assertThat(sent.statusCode()).isEqualTo(200);
        String mid = json(sent).get("message_id").asText();
        JsonNode read = nextMetaWebhook("instagram");
        assertThat(read.get("object").asText()).isEqualTo("instagram");
        JsonNode event = read.get("entry").get(0).get("messaging").get(0);
        assertThat(event.get("read").get("mid").asText()).isEqualTo(mid);
        assertThat(event.get("recipient").get("id").asText()).isEqualTo(ACME_INSTAGRAM_ID);
        assertThat(h.receiver.quietFor(200)).as("Instagram sends no delivery receipt").isTrue();
    }

    @Test
    void whatsappMediaUploadThenUrlThenDownloadWithTheToken() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        String boundary = "sandbox-boundary";
        byte[] body = concat(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                + "whatsapp\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nimage/png\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8), png,
                ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> uploaded = h.send(HttpRequest.newBuilder(URI.create(h.sandboxUrl() + "/graph/v23.0/"
                        + ACME_PHONE_NUMBER_ID + "/media")).header("Authorization", "Bearer " + ACME_WHATSAPP_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        assertThat(uploaded.statusCode()).isEqualTo(200);
        String id = json(uploaded).get("id").asText();

        JsonNode info = json(h.get("/graph/v23.0/" + id, "Authorization", "Bearer " + ACME_WHATSAPP_TOKEN));
        assertThat(info.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(info.get("mime_type").asText()).isEqualTo("image/png");
        assertThat(info.get("file_size").asInt()).isEqualTo(png.length);
        assertThat(info.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(png)));
        HttpResponse<byte[]> download = SandboxHarness.HTTP.send(HttpRequest.newBuilder(URI.create(
                info.get("url").asText())).header("Authorization", "Bearer " + ACME_WHATSAPP_TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
        assertThat(h.get(URI.create(info.get("url").asText()).getPath().substring(Sandbox.PREFIX.length()))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void telegramBotApiAnswersOkResultAndSendsNoReceipts() throws Exception {
        String bot = "/telegram/bot" + ACME_BOT_TOKEN;
        JsonNode me = json(h.get(bot + "/getMe"));
        assertThat(me.get("ok").asBoolean()).isTrue();
        assertThat(me.get("result").get("id").asLong()).isEqualTo(Long.parseLong(ACME_BOT_ID));
        assertThat(me.get("result").get("is_bot").asBoolean()).isTrue();
        assertThat(me.get("result").get("username").asText()).isEqualTo("AcmeSupportBot");

        JsonNode set = json(h.postJson(bot + "/setWebhook", "{\"url\":\"https://example.test/api/webhooks/telegram\","
                + "\"secret_token\":\"" + ACME_BOT_ID + "_" + SandboxAccounts.ACME_BOT_WEBHOOK_SECRET + "\"}"));
        assertThat(set.get("result").asBoolean()).isTrue();
        assertThat(json(h.get(bot + "/getWebhookInfo")).get("result").get("url").asText())
                .isEqualTo("https://example.test/api/webhooks/telegram");

        HttpResponse<String> sent = h.postJson(bot + "/sendMessage", "{\"chat_id\":500007907,\"text\":\"Hello!\","
                + "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"Yes\",\"callback_data\":\"yes\"}]]}}");
        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode message = json(sent).get("result");
        assertThat(json(sent).get("ok").asBoolean()).isTrue();
        assertThat(message.get("message_id").asLong()).isPositive();
        assertThat(message.get("chat").get("id").asLong()).isEqualTo(500007907L);
        assertThat(message.get("from").get("is_bot").asBoolean()).isTrue();
        assertThat(message.get("text").asText()).isEqualTo("Hello!");
        assertThat(message.get("date").asLong()).isPositive();

        String boundary = "tg";
        byte[] photo = {1, 2, 3, 4, 5};
        byte[] body = concat(("--tg\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n500007907\r\n"
                + "--tg\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nthe receipt\r\n"
                + "--tg\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"r.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8), photo,
                "\r\n--tg--\r\n".getBytes(StandardCharsets.UTF_8));
        JsonNode photoSent = json(h.send(HttpRequest.newBuilder(URI.create(h.sandboxUrl() + bot + "/sendPhoto"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)))).get("result");
        assertThat(photoSent.get("caption").asText()).isEqualTo("the receipt");
        String fileId = photoSent.get("photo").get(0).get("file_id").asText();
        JsonNode file = json(h.get(bot + "/getFile?file_id=" + URLEncoder.encode(fileId, StandardCharsets.UTF_8)));
        String path = file.get("result").get("file_path").asText();
        assertThat(path).startsWith("photos/");
        HttpResponse<byte[]> download = SandboxHarness.HTTP.send(HttpRequest.newBuilder(URI.create(h.sandboxUrl()
                + "/telegram/file/bot" + ACME_BOT_TOKEN + "/" + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(photo);

        HttpResponse<String> wrong = h.get("/telegram/bot123:wrong/getMe");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("ok").asBoolean()).isFalse();
        assertThat(json(wrong).get("error_code").asInt()).isEqualTo(401);
        assertThat(json(wrong).get("description").asText()).isEqualTo("Unauthorized");
        assertThat(json(h.postJson(bot + "/sendMessage", "{\"chat_id\":5}")).get("description").asText())
                .isEqualTo("Bad Request: message text is empty");

        assertThat(h.receiver.quietFor(300)).as("Telegram has no delivery receipts").isTrue();
        String outbox = h.get("/telegram/outbox").body();
        assertThat(outbox).contains("/telegram/bot" + ACME_BOT_ID + ":***/sendMessage").doesNotContain(ACME_BOT_TOKEN);
    }

    @Test
    void twilioSendIs201QueuedThenSignedStatusCallbacks() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((ACME_TWILIO_ACCOUNT_SID + ":"
                + ACME_TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        String messages = h.sandboxUrl() + "/twilio/2010-04-01/Accounts/" + ACME_TWILIO_ACCOUNT_SID + "/Messages.json";
        HttpResponse<String> sent = h.send(HttpRequest.newBuilder(URI.create(messages)).header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155550123&From=%2B15550100200&Body=Your+refund+is+on+its+way")));
        assertThat(sent.statusCode()).isEqualTo(201);
        JsonNode message = json(sent);
        String sid = message.get("sid").asText();
        assertThat(sid).matches("SM[0-9a-f]{32}");
        assertThat(message.get("status").asText()).isEqualTo("queued");
        assertThat(message.get("to").asText()).isEqualTo("+14155550123");
        assertThat(message.get("from").asText()).isEqualTo(ACME_SMS_NUMBER);
        assertThat(message.get("body").asText()).isEqualTo("Your refund is on its way");
        assertThat(message.get("account_sid").asText()).isEqualTo(ACME_TWILIO_ACCOUNT_SID);
        assertThat(message.get("direction").asText()).isEqualTo("outbound-api");

        for (String status : new String[] {"sent", "delivered"}) {
            Receiver.Received r = h.receiver.next();
            assertThat(r.path()).isEqualTo("/api/webhooks/sms");
            assertThat(r.header("content-type")).startsWith("application/x-www-form-urlencoded");
            Map<String, String> params = form(r.text());
            assertThat(params).containsEntry("MessageSid", sid).containsEntry("MessageStatus", status)
                    .containsEntry("AccountSid", ACME_TWILIO_ACCOUNT_SID).containsEntry("To", "+14155550123")
                    .containsEntry("From", ACME_SMS_NUMBER);
            assertThat(r.header("x-twilio-signature")).isEqualTo(Hmacs.twilioHeader(ACME_TWILIO_AUTH_TOKEN,
                    h.receiver.baseUrl() + "/api/webhooks/sms", params));
        }

        String wrong = "Basic " + Base64.getEncoder().encodeToString((ACME_TWILIO_ACCOUNT_SID + ":nope")
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> denied = h.send(HttpRequest.newBuilder(URI.create(messages)).header("Authorization", wrong)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B14155550123&From=%2B15550100200&Body=x")));
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(json(denied).get("code").asInt()).isEqualTo(20003);

        JsonNode account = json(h.get("/twilio/2010-04-01/Accounts/" + ACME_TWILIO_ACCOUNT_SID + ".json",
                "Authorization", auth));
        assertThat(account.get("sid").asText()).isEqualTo(ACME_TWILIO_ACCOUNT_SID);
        assertThat(account.get("status").asText()).isEqualTo("active");
        JsonNode numbers = json(h.get("/twilio/2010-04-01/Accounts/" + ACME_TWILIO_ACCOUNT_SID
                + "/IncomingPhoneNumbers.json?PhoneNumber=%2B15550100200", "Authorization", auth));
        assertThat(numbers.get("incoming_phone_numbers").get(0).get("phone_number").asText()).isEqualTo(ACME_SMS_NUMBER);
        assertThat(h.get("/sms/outbox").body()).doesNotContain(ACME_TWILIO_AUTH_TOKEN);
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) {
            size += p.length;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
