package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.channel.Channel;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform accounts of the sandbox: what "exists" at Meta, Telegram, Twilio and on the local
 * mail server, with the credentials they accept. The demo seed (its DemoAccounts) connects Acme to
 * one account per channel and Globex to its own WhatsApp number, with exactly these ids and
 * (encrypted) secrets; the sandbox knows no demo organization, only its accounts. Every value here
 * is a local-only placeholder, never a real credential.
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

    public List<SandboxAccount> all() {
        return accounts;
    }

    /** The channel's first account: whose connection a customer writes to when no connection is named. */
    public Optional<SandboxAccount> first(Channel channel) {
        return accounts.stream().filter(a -> a.channel() == channel).findFirst();
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
}
