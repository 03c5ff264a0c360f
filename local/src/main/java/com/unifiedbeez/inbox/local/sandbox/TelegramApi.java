package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Telegram Bot API stand-in at {sandbox}/telegram: {@code /bot{token}/{method}} for sendMessage,
 * sendPhoto, sendDocument, sendVideo, sendAudio, sendLocation, getMe, setWebhook, deleteWebhook,
 * getWebhookInfo and getFile, and file downloads at {@code /file/bot{token}/{file_path}}. Answers
 * {"ok":true,"result":...} or {"ok":false,"error_code":...,"description":...}
 * (https://core.telegram.org/bots/api#making-requests). Telegram has no delivery receipts, so no
 * callbacks follow a send.
 */
final class TelegramApi {
    /** What setWebhook registered for a bot: the URL and the secret token Telegram will send back. */
    record Registration(String url, String secretToken) {
    }

    private final SandboxAccounts accounts;
    private final MediaStore media;
    private final Outbox outbox;
    private final Map<String, Registration> webhooks = new ConcurrentHashMap<>();
    /** file_id -> file_path, and the path's bytes are stored under the path too. */
    private final Map<String, String> paths = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong(1000);

    TelegramApi(SandboxAccounts accounts, MediaStore media, Outbox outbox) {
        this.accounts = accounts;
        this.media = media;
        this.outbox = outbox;
    }

    /** The secret token setWebhook registered for a bot, if any. */
    Optional<Registration> registration(String botId) {
        return Optional.ofNullable(webhooks.get(botId));
    }

    long nextMessageId() {
        return messageIds.incrementAndGet();
    }

    /** {@code segments}: what follows /telegram, e.g. [bot7000000001:AA..., sendMessage]. */
    GatewayResponse handle(PlatformRequest r) {
        List<String> s = r.segments();
        boolean file = s.size() >= 3 && s.get(0).equals("file") && s.get(1).startsWith("bot");
        String tokenSegment = file ? s.get(1) : s.isEmpty() ? "" : s.get(0);
        String token = tokenSegment.startsWith("bot") ? tokenSegment.substring(3) : "";
        Optional<SandboxAccount> bot = accounts.byBotToken(token);
        if (file) {
            if (bot.isEmpty()) {
                return error(401, "Unauthorized");
            }
            String path = String.join("/", s.subList(2, s.size()));
            return media.get(path).map(m -> Answers.bytes(200, m.mimeType(), m.bytes()))
                    .orElseGet(() -> error(404, "Not Found"));
        }
        String method = s.size() == 2 ? s.get(1) : "";
        GatewayResponse answer = bot.isEmpty() ? error(401, "Unauthorized") : method(bot.get(), method, r);
        String shownPath = "/telegram/bot" + (bot.map(b -> b.externalId() + ":***").orElse("***")) + "/" + method;
        outbox.call("telegram", new Outbox.Call(Instant.now(), r.method(), shownPath, r.recorded(), answer.status(),
                Answers.parsed(answer)));
        return answer;
    }

    private GatewayResponse method(SandboxAccount bot, String method, PlatformRequest r) {
        Map<String, String> p = r.params();
        return switch (method) {
            case "getMe" -> ok(botUser(bot));
            case "setWebhook" -> {
                webhooks.put(bot.externalId(), new Registration(p.getOrDefault("url", ""), p.get("secret_token")));
                yield Answers.json(200, obj("ok", true, "result", true, "description", "Webhook was set"));
            }
            case "deleteWebhook" -> {
                webhooks.remove(bot.externalId());
                yield Answers.json(200, obj("ok", true, "result", true, "description", "Webhook was deleted"));
            }
            case "getWebhookInfo" -> ok(obj("url", registration(bot.externalId()).map(Registration::url).orElse(""),
                    "has_custom_certificate", false, "pending_update_count", 0, "max_connections", 40,
                    "ip_address", "127.0.0.1"));
            case "getFile" -> media.get(p.getOrDefault("file_id", ""))
                    .map(m -> ok(obj("file_id", m.id(), "file_unique_id", unique(m.id()), "file_size", m.bytes().length,
                            "file_path", paths.get(m.id()))))
                    .orElseGet(() -> error(400, "Bad Request: invalid file_id"));
            case "sendMessage", "sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendLocation" ->
                    send(bot, method, p, r);
            default -> error(404, "Not Found");
        };
    }

    private GatewayResponse send(SandboxAccount bot, String method, Map<String, String> p, PlatformRequest r) {
        String chat = p.get("chat_id");
        if (chat == null || chat.isBlank()) {
            return error(400, "Bad Request: chat_id is empty");
        }
        long chatId;
        try {
            chatId = Long.parseLong(chat);
        } catch (NumberFormatException e) {
            return error(400, "Bad Request: chat not found");
        }
        Map<String, Object> message = obj("message_id", messageIds.incrementAndGet(), "from", botUser(bot),
                "chat", obj("id", chatId, "type", "private"), "date", Instant.now().getEpochSecond());
        switch (method) {
            case "sendMessage" -> {
                if (p.getOrDefault("text", "").isBlank()) {
                    return error(400, "Bad Request: message text is empty");
                }
                message.put("text", p.get("text"));
            }
            case "sendLocation" -> message.put("location", obj("latitude", Double.parseDouble(p.getOrDefault(
                    "latitude", "0")), "longitude", Double.parseDouble(p.getOrDefault("longitude", "0"))));
            default -> {
                String field = switch (method) {
                    case "sendPhoto" -> "photo";
                    case "sendVideo" -> "video";
                    case "sendAudio" -> "audio";
                    default -> "document";
                };
                HttpForms.Part upload = r.files().get(field);
                String given = p.get(field);
                if (upload == null && (given == null || given.isBlank())) {
                    return error(400, "Bad Request: there is no " + field + " in the request");
                }
                MediaStore.Media m = file(field, upload != null && upload.contentType() != null ? upload.contentType()
                        : "application/octet-stream", upload != null ? upload.fileName() : given,
                        upload != null ? upload.bytes() : new byte[0]);
                Map<String, Object> file = obj("file_id", m.id(), "file_unique_id", unique(m.id()),
                        "file_size", m.bytes().length);
                if (field.equals("photo")) {
                    message.put("photo", List.of(obj("file_id", m.id(), "file_unique_id", unique(m.id()),
                            "file_size", m.bytes().length, "width", 320, "height", 320)));
                } else {
                    file.put("file_name", m.fileName());
                    file.put("mime_type", m.mimeType());
                    message.put(field, file);
                }
                if (p.get("caption") != null) {
                    message.put("caption", p.get("caption"));
                }
            }
        }
        return ok(message);
    }

    /** Stores a file as Telegram does: a file_id for the API, a file_path for the download. */
    MediaStore.Media file(String kind, String mimeType, String fileName, byte[] bytes) {
        MediaStore.Media m = media.put("BQACAgQAAxkBAA" + Answers.alphanumeric(40), mimeType, fileName, bytes);
        String path = kind + "s/file_" + messageIds.incrementAndGet() + extension(mimeType);
        paths.put(m.id(), path);
        media.put(path, mimeType, fileName, bytes);
        return m;
    }

    private static String extension(String mimeType) {
        return switch (mimeType == null ? "" : mimeType) {
            case "image/jpeg" -> ".jpg";
            case "image/png" -> ".png";
            case "application/pdf" -> ".pdf";
            case "video/mp4" -> ".mp4";
            case "audio/mpeg" -> ".mp3";
            case "audio/ogg" -> ".oga";
            default -> "";
        };
    }

    static Map<String, Object> botUser(SandboxAccount bot) {
        return obj("id", Long.parseLong(bot.externalId()), "is_bot", true, "first_name", bot.name().replace("@", ""),
                "username", bot.setting("botUsername"), "can_join_groups", true, "can_read_all_group_messages", false,
                "supports_inline_queries", false);
    }

    private static String unique(String fileId) {
        return "AQAD" + Integer.toHexString(fileId.hashCode());
    }

    private static GatewayResponse ok(Object result) {
        return Answers.json(200, obj("ok", true, "result", result));
    }

    private static GatewayResponse error(int code, String description) {
        return Answers.json(code, obj("ok", false, "error_code", code, "description", description));
    }
}
