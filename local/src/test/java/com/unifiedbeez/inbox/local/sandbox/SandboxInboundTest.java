package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_WEBHOOK_SECRET;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_MAILBOX;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_MAILBOX_PASSWORD;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PAGE_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_SMS_NUMBER;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_TWILIO_ACCOUNT_SID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_TWILIO_AUTH_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WABA_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WHATSAPP_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.GLOBEX_PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxPlatformApisTest.form;
import static com.unifiedbeez.inbox.local.sandbox.SandboxPlatformApisTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A customer writes on each channel: the platform's own webhook, signed as the platform signs it, reaches our endpoint. */
class SandboxInboundTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String META_SECRET = "local-sandbox-meta-app-secret";
    SandboxHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = SandboxHarness.get();
    }

    Receiver.Received inbound(String channel, String json) throws Exception {
        HttpResponse<String> r = h.postJson("/" + channel + "/inbound", json);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode answer = json(r);
        assertThat(answer.get("webhook").get("status").asInt()).as("our endpoint's status").isEqualTo(200);
        assertThat(answer.get("webhook").get("url").asText()).isEqualTo(h.receiver.baseUrl() + "/api/webhooks/" + channel);
        Receiver.Received received = h.receiver.next();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/api/webhooks/" + channel);
        return received;
    }

    JsonNode signedMeta(Receiver.Received r) throws Exception {
        assertThat(r.header("x-hub-signature-256")).isEqualTo(Hmacs.metaHeader(META_SECRET, r.body()));
        return JSON.readTree(r.body());
    }

    @Test
    void whatsappTextArrivesAsACloudApiMessagesWebhook() throws Exception {
        JsonNode hook = signedMeta(inbound("whatsapp",
                "{\"from\":\"447700900123\",\"name\":\"María López\",\"text\":\"¿Dónde está mi pedido?\"}"));
        assertThat(hook.get("object").asText()).isEqualTo("whatsapp_business_account");
        assertThat(hook.get("entry").get(0).get("id").asText()).isEqualTo(ACME_WABA_ID);
        JsonNode value = hook.get("entry").get(0).get("changes").get(0).get("value");
        assertThat(value.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(value.get("metadata").get("phone_number_id").asText()).isEqualTo(ACME_PHONE_NUMBER_ID);
        assertThat(value.get("contacts").get(0).get("profile").get("name").asText()).isEqualTo("María López");
        assertThat(value.get("contacts").get(0).get("wa_id").asText()).isEqualTo("447700900123");
        JsonNode message = value.get("messages").get(0);
        assertThat(message.get("from").asText()).isEqualTo("447700900123");
        assertThat(message.get("id").asText()).startsWith("wamid.");
        assertThat(message.get("type").asText()).isEqualTo("text");
        assertThat(message.get("text").get("body").asText()).isEqualTo("¿Dónde está mi pedido?");
    }

    @Test
    void whatsappImageCarriesAMediaIdTheGraphApiServes() throws Exception {
        JsonNode value = signedMeta(inbound("whatsapp", "{\"from\":\"447700900124\",\"name\":\"Tom\",\"type\":\"image\","
                + "\"text\":\"the damaged box\"}")).get("entry").get(0).get("changes").get(0).get("value");
        JsonNode image = value.get("messages").get(0).get("image");
        assertThat(image.get("caption").asText()).isEqualTo("the damaged box");
        assertThat(image.get("mime_type").asText()).isEqualTo("image/png");
        JsonNode media = json(h.get("/graph/v23.0/" + image.get("id").asText(), "Authorization",
                "Bearer " + ACME_WHATSAPP_TOKEN));
        assertThat(media.get("url").asText()).startsWith(h.sandboxUrl());
        assertThat(media.get("file_size").asInt()).isPositive();
    }

    @Test
    void aChosenConnectionSignsForItsOwnAccount() throws Exception {
        JsonNode hook = signedMeta(inbound("whatsapp", "{\"from\":\"447700900555\",\"name\":\"Gail\",\"text\":\"hi\","
                + "\"connectionId\":\"" + DemoSeed.GLOBEX_WHATSAPP + "\"}"));
        assertThat(hook.get("entry").get(0).get("changes").get(0).get("value").get("metadata")
                .get("phone_number_id").asText()).isEqualTo(GLOBEX_PHONE_NUMBER_ID);
    }

    @Test
    void messengerAndInstagramArriveAsMessagingEvents() throws Exception {
        JsonNode page = signedMeta(inbound("messenger", "{\"from\":\"2000000300000001\",\"name\":\"Ann\",\"text\":\"Hi\"}"));
        assertThat(page.get("object").asText()).isEqualTo("page");
        JsonNode entry = page.get("entry").get(0);
        assertThat(entry.get("id").asText()).isEqualTo(ACME_PAGE_ID);
        JsonNode event = entry.get("messaging").get(0);
        assertThat(event.get("sender").get("id").asText()).isEqualTo("2000000300000001");
        assertThat(event.get("recipient").get("id").asText()).isEqualTo(ACME_PAGE_ID);
        assertThat(event.get("message").get("mid").asText()).startsWith("m_");
        assertThat(event.get("message").get("text").asText()).isEqualTo("Hi");

        JsonNode ig = signedMeta(inbound("instagram", "{\"from\":\"17841400001000007\",\"name\":\"Bo\",\"type\":\"image\"}"));
        assertThat(ig.get("object").asText()).isEqualTo("instagram");
        JsonNode igEvent = ig.get("entry").get(0).get("messaging").get(0);
        assertThat(igEvent.get("recipient").get("id").asText()).isEqualTo(ACME_INSTAGRAM_ID);
        String url = igEvent.get("message").get("attachments").get(0).get("payload").get("url").asText();
        assertThat(igEvent.get("message").get("attachments").get(0).get("type").asText()).isEqualTo("image");
        HttpResponse<byte[]> picture = SandboxHarness.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(picture.statusCode()).isEqualTo(200);
        assertThat(picture.headers().firstValue("content-type")).contains("image/png");
    }

    @Test
    void telegramUpdateCarriesTheSecretTokenOfTheConnection() throws Exception {
        HttpResponse<String> r = h.postJson("/telegram/inbound", "{\"from\":\"500007907\",\"name\":\"Ivan Petrov\","
                + "\"text\":\"/start\"}");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).as("the secret is not shown").doesNotContain(ACME_BOT_WEBHOOK_SECRET)
                .contains(ACME_BOT_ID + "_***");
        Receiver.Received received = h.receiver.next();
        assertThat(received.path()).isEqualTo("/api/webhooks/telegram");
        assertThat(received.header("x-telegram-bot-api-secret-token"))
                .isEqualTo(ACME_BOT_ID + "_" + ACME_BOT_WEBHOOK_SECRET);
        JsonNode update = JSON.readTree(received.body());
        assertThat(update.get("update_id").asLong()).isPositive();
        JsonNode message = update.get("message");
        assertThat(message.get("text").asText()).isEqualTo("/start");
        assertThat(message.get("from").get("id").asLong()).isEqualTo(500007907L);
        assertThat(message.get("from").get("first_name").asText()).isEqualTo("Ivan");
        assertThat(message.get("from").get("last_name").asText()).isEqualTo("Petrov");
        assertThat(message.get("chat").get("type").asText()).isEqualTo("private");
        assertThat(message.get("chat").get("id").asLong()).isEqualTo(500007907L);
    }

    @Test
    void smsArrivesAsTwilioFormSignedOverTheUrlAndParams() throws Exception {
        Receiver.Received r = inbound("sms", "{\"from\":\"+14155550123\",\"name\":\"Kim\",\"text\":\"STOP? no, HELP & thanks\"}");
        assertThat(r.header("content-type")).startsWith("application/x-www-form-urlencoded");
        Map<String, String> params = form(r.text());
        assertThat(params).containsEntry("From", "+14155550123").containsEntry("To", ACME_SMS_NUMBER)
                .containsEntry("Body", "STOP? no, HELP & thanks").containsEntry("AccountSid", ACME_TWILIO_ACCOUNT_SID)
                .containsEntry("NumMedia", "0").containsEntry("SmsStatus", "received");
        assertThat(params.get("MessageSid")).matches("SM[0-9a-f]{32}");
        assertThat(r.header("x-twilio-signature")).isEqualTo(Hmacs.twilioHeader(ACME_TWILIO_AUTH_TOKEN,
                h.receiver.baseUrl() + "/api/webhooks/sms", params));
    }

    @Test
    void emailGoesOverSmtpToTheMailboxAndIsReadableOverImap() throws Exception {
        HttpResponse<String> r = h.postJson("/email/inbound", "{\"from\":\"maria@example.com\",\"name\":\"Maria\","
                + "\"subject\":\"Order A1042\",\"text\":\"Where is my order?\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String messageId = json(r).get("email").get("messageId").asText();

        Session session = Session.getInstance(new Properties());
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", h.mail.imapPort(), ACME_MAILBOX, ACME_MAILBOX_PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message found = null;
            for (Message m : inbox.getMessages()) {
                if (messageId.equals(m.getHeader("Message-ID")[0])) {
                    found = m;
                }
            }
            assertThat(found).as("the mail in the mailbox over IMAP").isNotNull();
            assertThat(found.getSubject()).isEqualTo("Order A1042");
            assertThat(((InternetAddress) found.getFrom()[0]).getAddress()).isEqualTo("maria@example.com");
            assertThat(((InternetAddress) found.getFrom()[0]).getPersonal()).isEqualTo("Maria");
            assertThat(found.getContent().toString().trim()).isEqualTo("Where is my order?");
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void aMissingSenderIsAProblem() throws Exception {
        HttpResponse<String> r = h.postJson("/whatsapp/inbound", "{\"text\":\"hi\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(r).get("detail").asText()).contains("from");
        assertThat(h.postJson("/whatsapp/inbound", "{\"from\":\"1\",\"text\":\"x\",\"connectionId\":\""
                + DemoSeed.acmeConnection("sms") + "\"}").statusCode()).isEqualTo(404);
    }
}
