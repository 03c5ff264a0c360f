package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform accounts of the sandbox: what "exists" at Meta, Telegram, Twilio and on the local
 * mail server, with the credentials they accept. The demo seed connects Acme to one account per
 * channel and Globex to its own WhatsApp number, with exactly these ids and (encrypted) secrets.
 * Every value here is a local-only placeholder, never a real credential.
 */
public final class SandboxAccounts {
    /** The local mail server's ports unless configured otherwise. */
    public static final int DEFAULT_SMTP_PORT = 3025;
    public static final int DEFAULT_IMAP_PORT = 3143;

    // Acme: one account per channel.
    public static final String ACME_PHONE_NUMBER_ID = "109876543210001";
    public static final String ACME_WABA_ID = "102030405060708";
    public static final String ACME_DISPLAY_PHONE = "+1 555-010-0100";
    public static final String ACME_WHATSAPP_TOKEN = "sandbox-acme-whatsapp-token";
    public static final String ACME_PAGE_ID = "100200300400501";
    public static final String ACME_PAGE_TOKEN = "sandbox-acme-page-token";
    public static final String ACME_INSTAGRAM_ID = "17841400000000001";
    public static final String ACME_INSTAGRAM_PAGE_ID = "100200300400502";
    public static final String ACME_INSTAGRAM_TOKEN = "sandbox-acme-instagram-token";
    public static final String ACME_BOT_ID = "7000000001";
    public static final String ACME_BOT_TOKEN = ACME_BOT_ID + ":AAFsandbox-acme-bot-token-0000000000";
    public static final String ACME_BOT_WEBHOOK_SECRET = "sandbox-acme-telegram-webhook-secret";
    public static final String ACME_SMS_NUMBER = "+15550100200";
    public static final String ACME_TWILIO_ACCOUNT_SID = "AC" + "ac3e0000ac3e0000ac3e0000ac3e0001";
    public static final String ACME_TWILIO_AUTH_TOKEN = "5a17b0c5e1f2a3b4c5d6e7f8091a2b3c";
    public static final String ACME_MAILBOX = "support@acme.example";
    public static final String ACME_MAILBOX_PASSWORD = "sandbox-acme-mail-password";
    // Globex: a second tenant with its own WhatsApp number.
    public static final String GLOBEX_PHONE_NUMBER_ID = "209876543210001";
    public static final String GLOBEX_WABA_ID = "202030405060708";
    public static final String GLOBEX_WHATSAPP_TOKEN = "sandbox-globex-whatsapp-token";
    /** A customer's mailbox on the local mail server, to read our replies over IMAP. */
    public static final String CUSTOMER_MAILBOX = "customer@example.com";
    public static final String CUSTOMER_MAILBOX_PASSWORD = "customer";

    private final List<SandboxAccount> accounts;

    public SandboxAccounts(List<SandboxAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** The demo accounts; the mailbox's settings point at the local mail server on these ports. */
    public static SandboxAccounts demo(int smtpPort, int imapPort) {
        return new SandboxAccounts(List.of(
                new SandboxAccount(Channel.WHATSAPP, DemoSeed.acmeConnection(Channel.WHATSAPP), DemoSeed.ACME_ORG, "Acme WhatsApp",
                        ACME_PHONE_NUMBER_ID, map("wabaId", ACME_WABA_ID, "displayPhoneNumber", ACME_DISPLAY_PHONE,
                        "verifiedName", "Acme Support"), Map.of("accessToken", ACME_WHATSAPP_TOKEN)),
                new SandboxAccount(Channel.EMAIL, DemoSeed.acmeConnection(Channel.EMAIL), DemoSeed.ACME_ORG, ACME_MAILBOX, ACME_MAILBOX,
                        map("address", ACME_MAILBOX, "username", ACME_MAILBOX, "smtpHost", "localhost",
                                "smtpPort", smtpPort, "smtpSecurity", "none", "imapHost", "localhost", "imapPort", imapPort,
                                "imapSecurity", "none", "fromName", "Acme Support"),
                        Map.of("password", ACME_MAILBOX_PASSWORD)),
                new SandboxAccount(Channel.INSTAGRAM, DemoSeed.acmeConnection(Channel.INSTAGRAM), DemoSeed.ACME_ORG, "@acme.support",
                        ACME_INSTAGRAM_ID, map("username", "acme.support", "pageId", ACME_INSTAGRAM_PAGE_ID),
                        Map.of("accessToken", ACME_INSTAGRAM_TOKEN)),
                new SandboxAccount(Channel.MESSENGER, DemoSeed.acmeConnection(Channel.MESSENGER), DemoSeed.ACME_ORG,
                        "Acme Support (Facebook page)", ACME_PAGE_ID, map("pageId", ACME_PAGE_ID, "pageName",
                        "Acme Support"), Map.of("accessToken", ACME_PAGE_TOKEN)),
                new SandboxAccount(Channel.TELEGRAM, DemoSeed.acmeConnection(Channel.TELEGRAM), DemoSeed.ACME_ORG, "@AcmeSupportBot",
                        ACME_BOT_ID, map("botUsername", "AcmeSupportBot"),
                        Map.of("botToken", ACME_BOT_TOKEN, "webhookSecret", ACME_BOT_WEBHOOK_SECRET)),
                new SandboxAccount(Channel.SMS, DemoSeed.acmeConnection(Channel.SMS), DemoSeed.ACME_ORG, "Acme SMS", ACME_SMS_NUMBER,
                        map("provider", "twilio", "accountSid", ACME_TWILIO_ACCOUNT_SID, "fromNumber", ACME_SMS_NUMBER),
                        Map.of("authToken", ACME_TWILIO_AUTH_TOKEN)),
                new SandboxAccount(Channel.WHATSAPP, DemoSeed.GLOBEX_WHATSAPP, DemoSeed.GLOBEX_ORG, "Globex WhatsApp",
                        GLOBEX_PHONE_NUMBER_ID, map("wabaId", GLOBEX_WABA_ID, "displayPhoneNumber", "+1 555-010-0900",
                        "verifiedName", "Globex"), Map.of("accessToken", GLOBEX_WHATSAPP_TOKEN))));
    }

    public List<SandboxAccount> all() {
        return accounts;
    }

    public Optional<SandboxAccount> find(Channel channel, String externalId) {
        return accounts.stream().filter(a -> a.channel() == channel && a.externalId().equals(externalId)).findFirst();
    }

    public Optional<SandboxAccount> byConnection(UUID connectionId) {
        return accounts.stream().filter(a -> a.connectionId().equals(connectionId)).findFirst();
    }

    /**
     * The account a Graph API object id belongs to: a WhatsApp phone number or its business account
     * (WABA), a Facebook page, an Instagram account or the page it is linked to.
     */
    public Optional<SandboxAccount> graphObject(String id) {
        return accounts.stream().filter(a -> switch (a.channel()) {
            case WHATSAPP -> a.externalId().equals(id) || id.equals(a.setting("wabaId"));
            case MESSENGER -> a.externalId().equals(id);
            case INSTAGRAM -> a.externalId().equals(id) || id.equals(a.setting("pageId"));
            default -> false;
        }).findFirst();
    }

    /** The Meta account whose access token this is (a page token also stands for "me"). */
    public Optional<SandboxAccount> byMetaToken(String token) {
        return accounts.stream().filter(a -> (a.channel() == Channel.WHATSAPP || a.channel() == Channel.MESSENGER
                || a.channel() == Channel.INSTAGRAM) && token != null && token.equals(a.secret("accessToken")))
                .findFirst();
    }

    public Optional<SandboxAccount> byBotToken(String token) {
        return accounts.stream().filter(a -> a.channel() == Channel.TELEGRAM && token.equals(a.secret("botToken")))
                .findFirst();
    }

    public Optional<SandboxAccount> byTwilioAccount(String accountSid) {
        return accounts.stream().filter(a -> a.channel() == Channel.SMS && accountSid.equals(a.setting("accountSid")))
                .findFirst();
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
