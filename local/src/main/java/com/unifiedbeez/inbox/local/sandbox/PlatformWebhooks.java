package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhook payloads the platforms send, shaped as their documentation shows them:
 * <ul>
 * <li>WhatsApp Cloud API messages and statuses:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/
 * and .../reference/messages/text</li>
 * <li>Messenger messages, message_deliveries, message_reads:
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/webhooks/webhook-events</li>
 * <li>Instagram messaging and messaging_seen:
 * https://developers.facebook.com/documentation/business-messaging/instagram-messaging/webhooks</li>
 * <li>Telegram Update / Message: https://core.telegram.org/bots/api#update</li>
 * <li>Twilio incoming message and status callback parameters:
 * https://www.twilio.com/docs/messaging/guides/webhook-request and
 * https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks</li>
 * </ul>
 */
final class PlatformWebhooks {
    private PlatformWebhooks() {
    }

    // --- WhatsApp --------------------------------------------------------------------------------

    private static Map<String, Object> whatsapp(String wabaId, String displayPhone, String phoneNumberId,
                                                Map<String, Object> value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("messaging_product", "whatsapp");
        v.put("metadata", obj("display_phone_number", Answers.phoneDigits(displayPhone),
                "phone_number_id", phoneNumberId));
        v.putAll(value);
        return obj("object", "whatsapp_business_account", "entry", List.of(obj("id", wabaId,
                "changes", List.of(obj("value", v, "field", "messages")))));
    }

    /** A customer's message; {@code message} is the message object without from/id/timestamp. */
    static Map<String, Object> whatsappMessage(String wabaId, String displayPhone, String phoneNumberId, String from,
                                               String name, String wamid, long epochSeconds,
                                               Map<String, Object> message) {
        Map<String, Object> m = obj("from", from, "id", wamid, "timestamp", Long.toString(epochSeconds));
        m.putAll(message);
        return whatsapp(wabaId, displayPhone, phoneNumberId, obj(
                "contacts", List.of(obj("profile", obj("name", name), "wa_id", from)),
                "messages", List.of(m)));
    }

    /** A status of a message we sent; conversation and pricing come with sent and delivered. */
    static Map<String, Object> whatsappStatus(String wabaId, String displayPhone, String phoneNumberId, String wamid,
                                              String recipient, String status, long epochSeconds,
                                              String conversationId) {
        Map<String, Object> s = obj("id", wamid, "status", status, "timestamp", Long.toString(epochSeconds),
                "recipient_id", recipient);
        if (!"read".equals(status)) {
            s.put("conversation", obj("id", conversationId, "expiration_timestamp", "sent".equals(status)
                    ? Long.toString(epochSeconds + 24 * 3600) : null, "origin", obj("type", "service")));
            s.put("pricing", obj("billable", false, "pricing_model", "PMP", "type", "free_customer_service",
                    "category", "service"));
        }
        return whatsapp(wabaId, displayPhone, phoneNumberId, obj("statuses", List.of(s)));
    }

    // --- Messenger and Instagram -----------------------------------------------------------------

    /** {"object":"page"|"instagram","entry":[{"id","time","messaging":[event]}]} */
    static Map<String, Object> messaging(String object, String accountId, long epochMillis,
                                         Map<String, Object> event) {
        return obj("object", object, "entry", List.of(obj("id", accountId, "time", epochMillis,
                "messaging", List.of(event))));
    }

    static Map<String, Object> messagingMessage(String customer, String accountId, long epochMillis,
                                                Map<String, Object> message) {
        return obj("sender", obj("id", customer), "recipient", obj("id", accountId), "timestamp", epochMillis,
                "message", message);
    }

    /** Messenger message_deliveries: every message before the watermark was delivered. */
    static Map<String, Object> messengerDelivery(String customer, String pageId, String mid, long watermark) {
        return obj("sender", obj("id", customer), "recipient", obj("id", pageId),
                "delivery", obj("mids", List.of(mid), "watermark", watermark));
    }

    /** Messenger message_reads: every message up to the watermark was read. */
    static Map<String, Object> messengerRead(String customer, String pageId, long epochMillis, long watermark) {
        return obj("sender", obj("id", customer), "recipient", obj("id", pageId), "timestamp", epochMillis,
                "read", obj("watermark", watermark));
    }

    /** Instagram messaging_seen: the message with this mid was read. */
    static Map<String, Object> instagramRead(String customer, String accountId, long epochMillis, String mid) {
        return obj("sender", obj("id", customer), "recipient", obj("id", accountId), "timestamp", epochMillis,
                "read", obj("mid", mid));
    }

    // --- Telegram --------------------------------------------------------------------------------

    static Map<String, Object> telegramUser(long id, String name) {
        String[] parts = name.trim().split("\\s+", 2);
        return obj("id", id, "is_bot", false, "first_name", parts[0], "last_name", parts.length > 1 ? parts[1] : null,
                "language_code", "en");
    }

    static Map<String, Object> telegramPrivateChat(long id, String name) {
        String[] parts = name.trim().split("\\s+", 2);
        return obj("id", id, "first_name", parts[0], "last_name", parts.length > 1 ? parts[1] : null,
                "type", "private");
    }

    // --- Twilio ----------------------------------------------------------------------------------

    static Map<String, String> twilioInbound(String accountSid, String messageSid, String from, String to,
                                             String body, List<String[]> media) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "US");
        p.put("SmsMessageSid", messageSid);
        p.put("NumMedia", Integer.toString(media.size()));
        p.put("SmsSid", messageSid);
        p.put("SmsStatus", "received");
        p.put("Body", body == null ? "" : body);
        p.put("FromCountry", from.startsWith("+1") ? "US" : "GB");
        p.put("To", to);
        p.put("NumSegments", "1");
        p.put("MessageSid", messageSid);
        p.put("AccountSid", accountSid);
        p.put("From", from);
        p.put("ApiVersion", "2010-04-01");
        for (int i = 0; i < media.size(); i++) {
            p.put("MediaContentType" + i, media.get(i)[0]);
            p.put("MediaUrl" + i, media.get(i)[1]);
        }
        return p;
    }

    static Map<String, String> twilioStatus(String accountSid, String messageSid, String from, String to,
                                            String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("SmsSid", messageSid);
        p.put("SmsStatus", status);
        p.put("MessageStatus", status);
        p.put("To", to);
        p.put("MessageSid", messageSid);
        p.put("AccountSid", accountSid);
        p.put("From", from);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }
}
