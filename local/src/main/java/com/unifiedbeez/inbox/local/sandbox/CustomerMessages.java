package com.unifiedbeez.inbox.local.sandbox;

import static com.unifiedbeez.inbox.local.sandbox.Answers.obj;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Plays a customer: {@code POST {sandbox}/{channel}/inbound} with {"from","name","text"} (optional
 * "type": text, image, document, audio, video, location; "mediaUrl"; "latitude"/"longitude";
 * "connectionId"; for email "subject" and "inReplyTo") becomes the platform's own webhook for that
 * channel, signed with the connection's secrets, and is POSTed to our webhook endpoint; email is
 * sent over SMTP to the connection's mailbox on the local mail server instead.
 */
final class CustomerMessages {
    /** A 1x1 PNG: the picture a customer sends when no mediaUrl is given. */
    private static final byte[] SAMPLE_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final List<String> TYPES = List.of("text", "image", "document", "audio", "video", "location");

    private final SandboxAccounts accounts;
    private final ConnectionDirectory connections;
    private final MediaStore media;
    private final TelegramApi telegram;
    private final WebhookSender webhooks;
    private final LocalMailServer mail;
    private final Supplier<String> sandboxUrl;
    private final CustomerProfiles profiles;
    private final AtomicLong telegramUpdates = new AtomicLong(100_000_000L);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();

    CustomerMessages(SandboxAccounts accounts, ConnectionDirectory connections, MediaStore media, TelegramApi telegram,
                     WebhookSender webhooks, LocalMailServer mail, Supplier<String> sandboxUrl, CustomerProfiles profiles) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.connections = connections;
        this.media = media;
        this.telegram = telegram;
        this.webhooks = webhooks;
        this.mail = mail;
        this.sandboxUrl = sandboxUrl;
    }

    /** A file the customer attaches. */
    private record Attachment(String kind, String mimeType, String fileName, byte[] bytes) {
    }

    GatewayResponse inbound(Channel channel, PlatformRequest r) {
        JsonNode in = r.json();
        if (in == null || !in.isObject()) {
            return Answers.problem(400, "Bad Request", "send JSON: {\"from\": \"...\", \"name\": \"...\", \"text\": \"...\"}");
        }
        String from = in.path("from").asText("").trim();
        String name = in.path("name").asText("Sandbox Customer").trim();
        String text = in.path("text").asText(null);
        String type = in.path("type").asText(in.hasNonNull("mediaUrl") ? "image" : "text");
        if (from.isEmpty()) {
            return Answers.problem(400, "Bad Request", "'from' is required: the customer's "
                    + switch (channel) {
                        case WHATSAPP -> "WhatsApp number (wa_id, digits)";
                        case MESSENGER -> "page-scoped id (PSID)";
                        case INSTAGRAM -> "Instagram-scoped id (IGSID)";
                        case TELEGRAM -> "Telegram user id (a number)";
                        case SMS -> "phone number (E.164)";
                        case EMAIL -> "email address";
                    });
        }
        if (!TYPES.contains(type)) {
            return Answers.problem(400, "Bad Request", "'type' must be one of " + TYPES);
        }
        if (type.equals("text") && (text == null || text.isBlank())) {
            return Answers.problem(400, "Bad Request", "'text' is required for a text message");
        }
        // Without a connection named, the channel's first account's (in the demo, Acme's).
        Optional<UUID> id = in.hasNonNull("connectionId") ? parseId(in.get("connectionId").asText())
                : accounts.first(channel).map(SandboxAccount::connectionId);
        if (id.isEmpty()) {
            return Answers.problem(400, "Bad Request", in.hasNonNull("connectionId") ? "'connectionId' is not a UUID"
                    : "'connectionId' is required: the sandbox has no " + channel.wireName() + " account");
        }
        Optional<ChannelConnection> found = connections.find(id.get());
        if (found.isEmpty() || found.get().channel() != channel) {
            return Answers.problem(404, "Not Found", "no " + channel.wireName() + " connection " + id.get());
        }
        ChannelConnection connection = found.get();
        try {
            if (channel == Channel.EMAIL) {
                return email(connection, from, name, text, in);
            }
            Attachment attachment = type.equals("text") || type.equals("location") ? null
                    : attachment(type, in.path("mediaUrl").asText(null));
            WebhookSender.Fired fired = switch (channel) {
                case WHATSAPP -> whatsapp(connection, from, name, text, type, attachment, in);
                case MESSENGER, INSTAGRAM -> messaging(connection, from, name, text, type, attachment);
                case TELEGRAM -> telegram(connection, from, name, text, type, attachment, in);
                case SMS -> sms(connection, from, text, attachment);
                case EMAIL -> throw new IllegalStateException("handled above");
            };
            return Answers.json(202, obj("channel", channel.wireName(), "connectionId", connection.id(),
                    "webhook", obj("url", fired.url(), "headers", fired.headers(), "status", fired.status()),
                    "payload", fired.payload()));
        } catch (IllegalArgumentException e) {
            return Answers.problem(400, "Bad Request", e.getMessage());
        } catch (IllegalStateException e) {
            return Answers.problem(409, "Conflict", e.getMessage());
        }
    }

    private WebhookSender.Fired whatsapp(ChannelConnection c, String from, String name, String text, String type,
                                         Attachment attachment, JsonNode in) {
        String waId = Answers.phoneDigits(from);
        Map<String, Object> message;
        if (type.equals("text")) {
            message = obj("type", "text", "text", obj("body", text));
        } else if (type.equals("location")) {
            message = obj("type", "location", "location", obj("latitude", in.path("latitude").asDouble(51.5074),
                    "longitude", in.path("longitude").asDouble(-0.1278), "name", text));
        } else {
            MediaStore.Media m = media.put(Answers.digits(16), attachment.mimeType(), attachment.fileName(),
                    attachment.bytes());
            Map<String, Object> file = obj("caption", text, "filename", type.equals("document") ? m.fileName() : null,
                    "mime_type", m.mimeType(), "sha256", Base64.getEncoder().encodeToString(
                            java.util.HexFormat.of().parseHex(m.sha256())), "id", m.id());
            message = obj("type", type, type, file);
        }
        String wamid = "wamid." + Base64.getEncoder().encodeToString(("HBgL" + waId + "FQIAEhgg" + Answers.hex(32))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return webhooks.meta("whatsapp", "message", PlatformWebhooks.whatsappMessage(required(c, "wabaId"),
                c.setting("displayPhoneNumber"), c.externalId(), waId, name, wamid, Instant.now().getEpochSecond(),
                message));
    }

    private WebhookSender.Fired messaging(ChannelConnection c, String from, String name, String text, String type,
                                          Attachment attachment) {
        if (type.equals("location")) {
            throw new IllegalArgumentException("Messenger and Instagram do not send locations; use text or media");
        }
        // the webhook carries only the scoped id: the name is what the User Profile API will answer
        if (profiles.find(c.externalId(), from).filter(p -> p.name().equals(name)).isEmpty()) {
            String picture = "profile-" + Answers.alphanumeric(16);
            media.put(picture, "image/png", "profile.png", SAMPLE_PNG);
            profiles.remember(c.externalId(), from, name, sandboxUrl.get() + "/media/" + picture);
        }
        boolean instagram = c.channel() == Channel.INSTAGRAM;
        long now = Instant.now().toEpochMilli();
        String mid = instagram ? Base64.getEncoder().withoutPadding().encodeToString(("ig_item:1:IGMessageThread:"
                + c.externalId() + ":" + Answers.digits(20)).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                : "m_" + Answers.alphanumeric(86);
        Map<String, Object> message = obj("mid", mid, "text", text);
        if (attachment != null) {
            MediaStore.Media m = media.put(Answers.alphanumeric(24), attachment.mimeType(), attachment.fileName(),
                    attachment.bytes());
            message.put("attachments", List.of(obj("type", type.equals("document") ? "file" : type,
                    "payload", obj("url", sandboxUrl.get() + "/media/" + m.id()))));
        }
        Map<String, Object> event = PlatformWebhooks.messagingMessage(from, c.externalId(), now, message);
        return webhooks.meta(c.channel().wireName(), "message",
                PlatformWebhooks.messaging(instagram ? "instagram" : "page", c.externalId(), now, event));
    }

    private WebhookSender.Fired telegram(ChannelConnection c, String from, String name, String text, String type,
                                         Attachment attachment, JsonNode in) {
        long userId;
        try {
            userId = Long.parseLong(from);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a Telegram user id is a number, not '" + from + "'");
        }
        String secret = telegram.registration(c.externalId()).map(TelegramApi.Registration::secretToken)
                .filter(s -> s != null && !s.isBlank())
                .orElseGet(() -> c.externalId() + "_" + c.secrets().get("webhookSecret").orElseThrow(() ->
                        new IllegalStateException("the connection has no webhookSecret to sign Telegram updates")));
        Map<String, Object> message = obj("message_id", telegram.nextMessageId(),
                "from", PlatformWebhooks.telegramUser(userId, name), "chat", PlatformWebhooks.telegramPrivateChat(
                        userId, name), "date", Instant.now().getEpochSecond());
        switch (type) {
            case "text" -> message.put("text", text);
            case "location" -> message.put("location", obj("latitude", in.path("latitude").asDouble(51.5074),
                    "longitude", in.path("longitude").asDouble(-0.1278)));
            default -> {
                String field = type.equals("image") ? "photo" : type;
                MediaStore.Media m = telegram.file(field, attachment.mimeType(), attachment.fileName(),
                        attachment.bytes());
                Map<String, Object> file = obj("file_id", m.id(), "file_unique_id", "AQAD" + Answers.alphanumeric(12),
                        "file_size", m.bytes().length);
                if (field.equals("photo")) {
                    file.put("width", 1);
                    file.put("height", 1);
                    message.put("photo", List.of(file));
                } else {
                    file.put("file_name", m.fileName());
                    file.put("mime_type", m.mimeType());
                    message.put(field, file);
                }
                if (text != null) {
                    message.put("caption", text);
                }
            }
        }
        return webhooks.telegram("message", obj("update_id", telegramUpdates.incrementAndGet(), "message", message),
                secret);
    }

    private WebhookSender.Fired sms(ChannelConnection c, String from, String text, Attachment attachment) {
        String accountSid = required(c, "accountSid");
        String authToken = c.secrets().get("authToken").orElseThrow(() ->
                new IllegalStateException("the connection has no authToken to sign Twilio requests"));
        String messageSid = (attachment == null ? "SM" : "MM") + Answers.hex(32);
        List<String[]> mediaList = List.of();
        if (attachment != null) {
            MediaStore.Media m = media.put("ME" + Answers.hex(32), attachment.mimeType(), attachment.fileName(),
                    attachment.bytes());
            mediaList = List.<String[]>of(new String[] {m.mimeType(), sandboxUrl.get() + "/twilio/2010-04-01/Accounts/"
                    + accountSid + "/Messages/" + messageSid + "/Media/" + m.id()});
        }
        return webhooks.twilio("message", webhooks.webhookUrl("sms"), PlatformWebhooks.twilioInbound(accountSid,
                messageSid, from, c.externalId(), text, mediaList), authToken);
    }

    private GatewayResponse email(ChannelConnection c, String from, String name, String text, JsonNode in) {
        if (text == null || text.isBlank()) {
            return Answers.problem(400, "Bad Request", "'text' is required for an email");
        }
        String subject = in.path("subject").asText("Message from " + name);
        String messageId;
        try {
            messageId = mail.send(from, name, c.externalId(), subject, text, in.path("inReplyTo").asText(null));
        } catch (MessagingException e) {
            return Answers.problem(502, "Bad Gateway", "the local mail server refused the email: " + e.getMessage());
        }
        return Answers.json(202, obj("channel", "email", "connectionId", c.id(),
                "smtp", obj("host", "127.0.0.1", "port", mail.smtpPort()),
                "email", obj("messageId", messageId, "from", from, "to", c.externalId(), "subject", subject),
                "note", "the email poller fetches it from the mailbox over IMAP on its schedule"));
    }

    /** The media a customer attaches: fetched from mediaUrl, or a small built-in sample. */
    private Attachment attachment(String type, String mediaUrl) {
        if (mediaUrl == null || mediaUrl.isBlank()) {
            return switch (type) {
                case "image" -> new Attachment(type, "image/png", "photo.png", SAMPLE_PNG);
                case "document" -> new Attachment(type, "text/plain", "invoice.txt",
                        "Invoice #A1001\nTotal: $89.00\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                default -> throw new IllegalArgumentException("'mediaUrl' is required for " + type);
            };
        }
        URI uri;
        try {
            uri = URI.create(mediaUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'mediaUrl' is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("'mediaUrl' must be http or https");
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("'mediaUrl' answered " + response.statusCode());
            }
            String path = uri.getPath() == null ? "" : uri.getPath();
            String fileName = path.contains("/") ? path.substring(path.lastIndexOf('/') + 1) : path;
            return new Attachment(type, response.headers().firstValue("content-type").orElse(
                    "application/octet-stream").split(";")[0].trim(), fileName.isBlank() ? "file" : fileName,
                    response.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("'mediaUrl' could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while fetching 'mediaUrl'");
        }
    }

    private static String required(ChannelConnection c, String setting) {
        String value = c.setting(setting);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the connection has no '" + setting + "' setting");
        }
        return value;
    }

    private static Optional<UUID> parseId(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
