package com.unifiedbeez.inbox.local.seed;

import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_BOT_WEBHOOK_SECRET;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_DISPLAY_PHONE;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_PAGE_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_INSTAGRAM_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_MAILBOX;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_MAILBOX_PASSWORD;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PAGE_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PAGE_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_SMS_NUMBER;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_TWILIO_ACCOUNT_SID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_TWILIO_AUTH_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WABA_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.ACME_WHATSAPP_TOKEN;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.GLOBEX_PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.GLOBEX_WABA_ID;
import static com.unifiedbeez.inbox.local.sandbox.SandboxAccounts.GLOBEX_WHATSAPP_TOKEN;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccount;
import com.unifiedbeez.inbox.local.sandbox.SandboxAccounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which sandbox account each demo connection is: Acme's one per channel and Globex's WhatsApp
 * number, under the seed's fixed connection ids. The seed owns this binding, so the sandbox, which
 * only plays the platforms, knows nothing of the demo organizations.
 */
public final class DemoAccounts {
    private DemoAccounts() {
    }

    /** The demo's accounts; the mailbox's settings point at the local mail server on these ports. */
    public static SandboxAccounts sandbox(int smtpPort, int imapPort) {
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

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
