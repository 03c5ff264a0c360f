package com.unifiedbeez.inbox.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each connect request turns into: the account's external id, its settings and its secrets. */
class ConnectionRequestsTest {
    private static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw8";

    private static List<String> invalidFields(ConnectRequest request) {
        try {
            request.validated();
        } catch (ApiException e) {
            return e.toProblem("/").errors().stream().map(FieldError::field).toList();
        }
        throw new AssertionError("valid: " + request);
    }

    @Test
    void telegramIsKnownByItsBotIdAndGetsAFreshWebhookSecret() {
        NewConnection bot = new ConnectTelegram(BOT_TOKEN, null).validated();
        assertThat(bot.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(bot.externalId()).isEqualTo("123456789");
        assertThat(bot.secrets().require("botToken")).isEqualTo(BOT_TOKEN);
        String secret = bot.secrets().require("webhookSecret");
        assertThat(secret).matches("[A-Za-z0-9]{32,}");
        assertThat(new ConnectTelegram(BOT_TOKEN, null).validated().secrets().require("webhookSecret")).isNotEqualTo(secret);
        assertThat(bot.toString()).doesNotContain(BOT_TOKEN).doesNotContain(secret);
        assertThat(new ConnectTelegram(BOT_TOKEN, null).toString()).doesNotContain(BOT_TOKEN);
        assertThat(invalidFields(new ConnectTelegram("123456789", null))).containsExactly("botToken");
        assertThat(invalidFields(new ConnectTelegram("abc:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw8", null))).containsExactly("botToken");
    }

    @Test
    void instagramIsKnownByItsAccountWithThePageInSettings() {
        NewConnection ig = new ConnectSocial("instagram", "1122", "EAAG", "17841400000000001", null).validated();
        assertThat(ig.channel()).isEqualTo(Channel.INSTAGRAM);
        assertThat(ig.externalId()).isEqualTo("17841400000000001");
        assertThat(ig.config().path("pageId").asText()).isEqualTo("1122");
        NewConnection page = new ConnectSocial("facebook", "1122", "EAAG", null, "Support page").validated();
        assertThat(page.channel()).isEqualTo(Channel.MESSENGER);
        assertThat(page.externalId()).isEqualTo("1122");
        assertThat(page.name()).isEqualTo("Support page");
        assertThat(invalidFields(new ConnectSocial("instagram", "1122", "EAAG", null, null))).containsExactly("instagramAccountId");
        assertThat(invalidFields(new ConnectSocial("tiktok", null, null, null, null)))
                .containsExactly("platform", "pageId", "accessToken");
    }

    @Test
    void emailDefaultsToImapOverTlsAndSubmissionWithStartTls() {
        NewConnection mailbox = new ConnectEmail("Support@Acme.example", "smtp.acme.example", "imap.acme.example",
                new ConnectEmail.Credentials(null, "pw"), null, null, null, null, "Acme Support", null).validated();
        assertThat(mailbox.externalId()).isEqualTo("support@acme.example");
        assertThat(mailbox.config().toString()).isEqualTo("{\"imapHost\":\"imap.acme.example\",\"imapPort\":993,"
                + "\"imapSecurity\":\"ssl\",\"smtpHost\":\"smtp.acme.example\",\"smtpPort\":587,\"smtpSecurity\":\"starttls\","
                + "\"username\":\"support@acme.example\",\"fromName\":\"Acme Support\"}");
        assertThat(mailbox.secrets().require("password")).isEqualTo("pw");
        assertThat(invalidFields(new ConnectEmail("not-an-address", "smtp://x", "imap.acme.example",
                new ConnectEmail.Credentials("", null), 0, 70000, "tls", null, null, null)))
                .containsExactly("email", "smtpHost", "credentials.password", "credentials.username", "smtpPort", "imapPort",
                        "smtpSecurity");
    }

    @Test
    void smsNeedsATwilioAccountAndAnE164Number() {
        NewConnection sms = new ConnectSms("AC" + "0123456789abcdef".repeat(2), "authtok", "+14155550100", null).validated();
        assertThat(sms.externalId()).isEqualTo("+14155550100");
        assertThat(sms.config().path("accountSid").asText()).startsWith("AC");
        assertThat(invalidFields(new ConnectSms("SK123", "auth token", "07700 900123", null)))
                .containsExactly("accountSid", "authToken", "phoneNumber");
    }

    @Test
    void whatsAppIdsAreNumeric() {
        assertThat(invalidFields(new ConnectWhatsApp("abc", null, "", "x".repeat(201))))
                .containsExactly("phoneNumberId", "accessToken", "wabaId", "name");
        NewConnection number = new ConnectWhatsApp(" 106540352242922 ", "EAAG", "102290129340398", null).validated();
        assertThat(number.externalId()).isEqualTo("106540352242922");
        assertThat(number.name()).isEqualTo("WhatsApp 106540352242922");
        assertThat(number.config().path("wabaId").asText()).isEqualTo("102290129340398");
    }
}
