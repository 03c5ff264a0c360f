package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Twilio REST stand-in at {sandbox}/twilio/2010-04-01: {@code POST Accounts/{sid}/Messages.json}
 * (201 and the Message resource, status "queued",
 * https://www.twilio.com/docs/messaging/api/message-resource), {@code GET Accounts/{sid}.json},
 * {@code GET Accounts/{sid}/IncomingPhoneNumbers.json} and media URLs. HTTP basic auth with the
 * account SID and auth token; Twilio's error shape {"code","message","more_info","status"}. After a
 * send, status callbacks "sent" then "delivered" go to the StatusCallback URL (our SMS webhook
 * when none was given), signed with the account's auth token.
 */
final class TwilioApi {
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SandboxAccounts accounts;
    private final MediaStore media;
    private final Outbox outbox;
    private final WebhookSender webhooks;

    TwilioApi(SandboxAccounts accounts, MediaStore media, Outbox outbox, WebhookSender webhooks) {
        this.accounts = accounts;
        this.media = media;
        this.outbox = outbox;
        this.webhooks = webhooks;
    }

    /** {@code segments}: what follows /twilio, e.g. [2010-04-01, Accounts, AC..., Messages.json]. */
    GatewayResponse handle(PlatformRequest r) {
        List<String> s = r.segments();
        if (s.size() == 7 && s.get(1).equals("Accounts") && s.get(5).equals("Media")) {
            return media.get(s.get(6)).map(m -> Answers.bytes(200, m.mimeType(), m.bytes()))
                    .orElseGet(() -> error(404, 20404, "The requested resource was not found"));
        }
        if (s.size() < 3 || !s.get(0).equals("2010-04-01") || !s.get(1).equals("Accounts")) {
            return error(404, 20404, "The requested resource /" + String.join("/", s) + " was not found");
        }
        String sid = s.get(2).replace(".json", "");
        GatewayResponse answer = authorized(r, sid).map(account -> route(r, s, account))
                .orElseGet(() -> error(401, 20003, "Authenticate"));
        outbox.call("sms", new Outbox.Call(Instant.now(), r.method(), "/twilio/" + String.join("/", s), r.recorded(),
                answer.status(), Answers.parsed(answer)));
        return answer;
    }

    private Optional<SandboxAccount> authorized(PlatformRequest r, String sid) {
        String authorization = r.header("authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(sid)) {
            return Optional.empty();
        }
        return accounts.byTwilioAccount(sid).filter(a -> decoded.substring(colon + 1).equals(a.secret("authToken")));
    }

    private GatewayResponse route(PlatformRequest r, List<String> s, SandboxAccount account) {
        String sid = account.setting("accountSid");
        String key = r.method() + " " + String.join("/", s.subList(3, s.size()));
        return switch (key) {
            case "GET " -> Answers.json(200, obj("sid", sid, "friendly_name", "Acme Support (sandbox)",
                    "status", "active", "type", "Full", "owner_account_sid", sid,
                    "date_created", RFC_2822.format(Instant.parse("2024-01-01T00:00:00Z")),
                    "uri", "/2010-04-01/Accounts/" + sid + ".json"));
            case "GET IncomingPhoneNumbers.json" -> numbers(account, r.query().get("PhoneNumber"));
            case "POST Messages.json" -> send(r, account);
            default -> error(404, 20404, "The requested resource /" + String.join("/", s) + " was not found");
        };
    }

    private GatewayResponse numbers(SandboxAccount account, String filter) {
        String sid = account.setting("accountSid");
        List<Object> numbers = new ArrayList<>();
        if (filter == null || filter.equals(account.externalId())) {
            numbers.add(obj("sid", "PN" + "ac3e".repeat(8), "account_sid", sid, "friendly_name", account.name(),
                    "phone_number", account.externalId(), "capabilities", obj("voice", true, "sms", true, "mms", true),
                    "sms_url", webhooks.webhookUrl("sms"), "sms_method", "POST", "status", "in-use",
                    "uri", "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers/PN" + "ac3e".repeat(8) + ".json"));
        }
        String uri = "/2010-04-01/Accounts/" + sid + "/IncomingPhoneNumbers.json";
        return Answers.json(200, obj("incoming_phone_numbers", numbers, "page", 0, "page_size", 50,
                "first_page_uri", uri + "?PageSize=50&Page=0", "next_page_uri", null, "previous_page_uri", null,
                "uri", uri + "?PageSize=50&Page=0", "start", 0, "end", Math.max(0, numbers.size() - 1)));
    }

    private GatewayResponse send(PlatformRequest r, SandboxAccount account) {
        Map<String, String> p = r.params();
        String to = p.get("To");
        String from = p.get("From");
        String body = p.get("Body");
        if (to == null || to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if (from == null || !from.equals(account.externalId())) {
            return error(400, 21606, "The From phone number " + from + " is not a valid, SMS-capable inbound phone"
                    + " number or short code for your account.");
        }
        if ((body == null || body.isEmpty()) && p.get("MediaUrl") == null) {
            return error(400, 21602, "Message body is required.");
        }
        boolean mms = p.get("MediaUrl") != null;
        String messageSid = (mms ? "MM" : "SM") + Answers.hex(32);
        String sid = account.setting("accountSid");
        String now = RFC_2822.format(Instant.now());
        String callback = p.getOrDefault("StatusCallback", webhooks.webhookUrl("sms"));
        String token = account.secret("authToken");
        List<Runnable> callbacks = new ArrayList<>();
        for (String status : List.of("sent", "delivered")) {
            callbacks.add(() -> webhooks.twilio("status " + status, callback,
                    PlatformWebhooks.twilioStatus(sid, messageSid, from, to, status), token));
        }
        webhooks.later(callbacks);
        String uri = "/2010-04-01/Accounts/" + sid + "/Messages/" + messageSid;
        return Answers.json(201, obj("account_sid", sid, "api_version", "2010-04-01", "body", body == null ? "" : body,
                "date_created", now, "date_sent", null, "date_updated", now, "direction", "outbound-api",
                "error_code", null, "error_message", null, "from", from, "messaging_service_sid",
                p.get("MessagingServiceSid"), "num_media", mms ? "1" : "0", "num_segments", "1", "price", null,
                "price_unit", "USD", "sid", messageSid, "status", "queued",
                "subresource_uris", obj("media", uri + "/Media.json"), "to", to, "uri", uri + ".json"));
    }

    static GatewayResponse error(int status, int code, String message) {
        return Answers.json(status, obj("code", code, "message", message,
                "more_info", "https://www.twilio.com/docs/errors/" + code, "status", status));
    }
}
