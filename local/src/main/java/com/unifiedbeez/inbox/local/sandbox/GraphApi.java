package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import com.unifiedbeez.inbox.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Graph API stand-in at {sandbox}/graph/{version}: the WhatsApp Cloud API's
 * {@code POST /{phone-number-id}/messages} and media ({@code GET /{media-id}}, the download,
 * {@code POST /{phone-number-id}/media}), the Send API of Messenger and Instagram
 * ({@code POST /{page-or-ig-id}/messages}, {@code /me/messages}), and the reads a health probe
 * makes ({@code GET /{id}?fields=...}, {@code GET /{id}/subscribed_apps}), and the User Profile API
 * ({@code GET /{PSID or IGSID}?fields=...}) for customers who wrote through the sandbox. Tokens are checked
 * against the account addressed; errors have Meta's shape
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling). After a send it plays
 * the customer's phone: delivered and read callbacks follow.
 */
final class GraphApi {
    static final String APP_ID = "1234567890123456";
    static final String APP_NAME = "UnifiedBeez Inbox (local sandbox)";

    private final SandboxAccounts accounts;
    private final MediaStore media;
    private final Outbox outbox;
    private final WebhookSender webhooks;
    private final Supplier<String> sandboxUrl;
    private final CustomerProfiles profiles;

    GraphApi(SandboxAccounts accounts, MediaStore media, Outbox outbox, WebhookSender webhooks,
             Supplier<String> sandboxUrl, CustomerProfiles profiles) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.media = media;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.sandboxUrl = sandboxUrl;
    }

    /** {@code segments}: what follows /graph, e.g. [v23.0, 109876543210001, messages]. */
    GatewayResponse handle(PlatformRequest r) {
        List<String> s = r.segments();
        if (s.size() == 2 && s.get(0).equals("download")) {
            return download(r, s.get(1));
        }
        if (s.size() < 2 || !s.get(0).matches("v\\d+\\.\\d+")) {
            return error(400, "Unknown path components: /" + String.join("/", s), "OAuthException", 2500, null);
        }
        String id = s.get(1);
        String edge = s.size() > 2 ? s.get(2) : null;
        String token = r.bearerToken();
        Optional<SandboxAccount> byToken = accounts.byMetaToken(token);
        Optional<SandboxAccount> account = id.equals("me") ? byToken : accounts.graphObject(id);
        String channel = account.map(a -> a.channel().wireName()).orElse("graph");
        GatewayResponse answer = answer(r, id, edge, token, account, byToken);
        outbox.call(channel, new Outbox.Call(Instant.now(), r.method(), "/graph/" + String.join("/", s), r.recorded(),
                answer.status(), Answers.parsed(answer)));
        return answer;
    }

    private GatewayResponse answer(PlatformRequest r, String id, String edge, String token,
                                   Optional<SandboxAccount> account, Optional<SandboxAccount> byToken) {
        if (token == null || token.isBlank()) {
            return error(400, "An active access token must be used to query information about the current user.",
                    "OAuthException", 2500, null);
        }
        if (byToken.isEmpty()) {
            return error(401, "Invalid OAuth access token.", "OAuthException", 190, null);
        }
        if (account.isEmpty() && edge == null && r.method().equals("GET")) {
            Optional<MediaStore.Media> file = media.get(id);
            if (file.isPresent()) {
                return mediaInfo(file.get());
            }
            // User Profile API: a PSID / IGSID that wrote to the token's page or Instagram account
            SandboxAccount owner = byToken.get();
            Optional<CustomerProfiles.Profile> person = owner.channel() == Channel.WHATSAPP ? Optional.empty()
                    : profiles.find(owner.externalId(), id);
            if (person.isPresent()) {
                return Answers.json(200, select(CustomerProfiles.fields(owner.channel(), id, person.get()), id,
                        r.params().get("fields")));
            }
        }
        if (account.isEmpty() || !token.equals(account.get().secret("accessToken"))) {
            return error(400, "Unsupported " + r.method().toLowerCase(java.util.Locale.ROOT)
                    + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing"
                    + " permissions, or does not support this operation. Please read the Graph API documentation"
                    + " at https://developers.facebook.com/docs/graph-api", "GraphMethodException", 100, 33);
        }
        SandboxAccount a = account.get();
        String key = r.method() + " " + (edge == null ? "" : edge);
        return switch (key) {
            case "GET " -> Answers.json(200, fields(a, id, r.params().get("fields")));
            case "GET subscribed_apps" -> Answers.json(200, subscribedApps(a));
            case "POST subscribed_apps" -> Answers.json(200, obj("success", true));
            case "POST media" -> upload(r);
            case "POST messages" -> a.channel() == Channel.WHATSAPP ? whatsappSend(r, a) : sendApi(r, a);
            default -> error(400, "Unsupported " + r.method().toLowerCase(java.util.Locale.ROOT) + " request.",
                    "GraphMethodException", 100, null);
        };
    }

    // --- WhatsApp Cloud API ------------------------------------------------------------------------

    private GatewayResponse whatsappSend(PlatformRequest r, SandboxAccount a) {
        JsonNode body = r.json();
        if (body == null || !"whatsapp".equals(body.path("messaging_product").asText())) {
            return error(400, "(#100) The parameter messaging_product is required.", "OAuthException", 100, null);
        }
        if ("read".equals(body.path("status").asText())) { // mark an inbound message read
            return Answers.json(200, obj("success", true));
        }
        String to = body.path("to").asText("");
        if (to.isBlank()) {
            return error(400, "(#100) The parameter to is required.", "OAuthException", 100, null);
        }
        String waId = Answers.phoneDigits(to);
        String wamid = "wamid." + Base64.getEncoder().encodeToString(("HBgL" + waId + Answers.hex(24)).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        String conversation = Answers.hex(32);
        String wabaId = a.setting("wabaId");
        String phone = a.setting("displayPhoneNumber");
        List<Runnable> callbacks = new ArrayList<>();
        for (String status : List.of("sent", "delivered", "read")) {
            callbacks.add(() -> webhooks.meta("whatsapp", "status " + status, PlatformWebhooks.whatsappStatus(wabaId,
                    phone, a.externalId(), wamid, waId, status, Instant.now().getEpochSecond(), conversation)));
        }
        webhooks.later(callbacks);
        return Answers.json(200, obj("messaging_product", "whatsapp",
                "contacts", List.of(obj("input", to, "wa_id", waId)),
                "messages", List.of(obj("id", wamid))));
    }

    private GatewayResponse upload(PlatformRequest r) {
        Map<String, HttpForms.Part> files = r.files();
        HttpForms.Part file = files.get("file");
        if (file == null) {
            return error(400, "(#100) The parameter file is required.", "OAuthException", 100, null);
        }
        String type = r.params().getOrDefault("type", file.contentType());
        MediaStore.Media stored = media.put(Answers.digits(16), type == null ? "application/octet-stream" : type,
                file.fileName(), file.bytes());
        return Answers.json(200, obj("id", stored.id()));
    }

    private GatewayResponse mediaInfo(MediaStore.Media m) {
        return Answers.json(200, obj("url", sandboxUrl.get() + "/graph/download/" + m.id(), "mime_type", m.mimeType(),
                "sha256", m.sha256(), "file_size", m.bytes().length, "id", m.id(), "messaging_product", "whatsapp"));
    }

    /** The media URL answers only with a valid token, as lookaside.fbsbx.com does. */
    private GatewayResponse download(PlatformRequest r, String id) {
        if (accounts.byMetaToken(r.bearerToken()).isEmpty()) {
            return error(401, "Invalid OAuth access token.", "OAuthException", 190, null);
        }
        return media.get(id).map(m -> Answers.bytes(200, m.mimeType(), m.bytes()))
                .orElseGet(() -> Answers.json(404, obj("error", "not found")));
    }

    // --- Messenger and Instagram Send API ------------------------------------------------------------

    private GatewayResponse sendApi(PlatformRequest r, SandboxAccount a) {
        Map<String, String> params = r.params();
        String recipient = params.get("recipient");
        String customer = null;
        if (recipient != null) {
            try {
                customer = Json.mapper().readTree(recipient).path("id").asText(null);
            } catch (java.io.IOException e) {
                customer = null;
            }
        }
        if (customer == null || customer.isBlank()) {
            return error(400, "(#100) The parameter recipient is required", "OAuthException", 100, null);
        }
        if (params.get("message") == null) { // a sender action (typing_on, mark_seen) has no message id
            return Answers.json(200, obj("recipient_id", customer));
        }
        String mid = a.channel() == Channel.INSTAGRAM
                ? Base64.getEncoder().withoutPadding().encodeToString(("ig_item:1:IGMessageThread:" + a.externalId()
                + ":" + Answers.digits(20)).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                : "m_" + Answers.alphanumeric(86);
        long sentAt = Instant.now().toEpochMilli();
        String to = customer;
        if (a.channel() == Channel.INSTAGRAM) { // Instagram reports only reads (messaging_seen)
            webhooks.later(List.of(() -> webhooks.meta("instagram", "read", PlatformWebhooks.messaging("instagram",
                    a.externalId(), Instant.now().toEpochMilli(), PlatformWebhooks.instagramRead(to, a.externalId(),
                            Instant.now().toEpochMilli(), mid)))));
        } else {
            webhooks.later(List.of(
                    () -> webhooks.meta("messenger", "delivery", PlatformWebhooks.messaging("page", a.externalId(),
                            Instant.now().toEpochMilli(), PlatformWebhooks.messengerDelivery(to, a.externalId(), mid,
                                    sentAt + 1))),
                    () -> webhooks.meta("messenger", "read", PlatformWebhooks.messaging("page", a.externalId(),
                            Instant.now().toEpochMilli(), PlatformWebhooks.messengerRead(to, a.externalId(),
                                    Instant.now().toEpochMilli(), sentAt + 1)))));
        }
        return Answers.json(200, obj("recipient_id", customer, "message_id", mid));
    }

    // --- reads for health probes -----------------------------------------------------------------

    private Map<String, Object> fields(SandboxAccount a, String id, String fields) {
        Map<String, Object> all;
        if (a.channel() == Channel.WHATSAPP && id.equals(a.setting("wabaId"))) {
            all = obj("id", id, "name", a.setting("verifiedName"), "currency", "USD", "timezone_id", "1",
                    "message_template_namespace", Answers.hex(8) + "_" + Answers.hex(4));
        } else if (a.channel() == Channel.WHATSAPP) {
            all = obj("verified_name", a.setting("verifiedName"), "code_verification_status", "VERIFIED",
                    "display_phone_number", a.setting("displayPhoneNumber"), "quality_rating", "GREEN",
                    "platform_type", "CLOUD_API", "throughput", obj("level", "STANDARD"), "name_status", "APPROVED",
                    "id", id);
        } else if (a.channel() == Channel.INSTAGRAM && !id.equals(a.externalId())) {
            all = obj("id", id, "name", "Acme Support (Instagram page)", "instagram_business_account",
                    obj("id", a.externalId()));
        } else if (a.channel() == Channel.INSTAGRAM) {
            all = obj("id", id, "username", a.setting("username"), "name", a.name());
        } else {
            all = obj("id", id, "name", a.setting("pageName"), "category", "Business Service");
        }
        return select(all, id, fields);
    }

    /** The requested fields of an object, and its id, as the Graph API answers ?fields=. */
    private static Map<String, Object> select(Map<String, Object> all, String id, String fields) {
        if (fields == null || fields.isBlank()) {
            return all;
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (String f : fields.split(",")) {
            if (all.containsKey(f.trim())) {
                chosen.put(f.trim(), all.get(f.trim()));
            }
        }
        chosen.put("id", id);
        return chosen;
    }

    private static Map<String, Object> subscribedApps(SandboxAccount a) {
        String link = "https://www.facebook.com/games/?app_id=" + APP_ID;
        if (a.channel() == Channel.WHATSAPP) {
            return obj("data", List.of(obj("whatsapp_business_api_data", obj("link", link, "name", APP_NAME,
                    "id", APP_ID))));
        }
        return obj("data", List.of(obj("category", "Business", "link", link, "name", APP_NAME, "id", APP_ID,
                "subscribed_fields", a.channel() == Channel.INSTAGRAM ? List.of("messages", "messaging_seen")
                        : List.of("messages", "message_deliveries", "message_reads", "messaging_postbacks"))));
    }

    static GatewayResponse error(int status, String message, String type, int code, Integer subcode) {
        return Answers.json(status, obj("error", obj("message", message, "type", type, "code", code,
                "error_subcode", subcode, "fbtrace_id", "A" + Answers.alphanumeric(22))));
    }
}
