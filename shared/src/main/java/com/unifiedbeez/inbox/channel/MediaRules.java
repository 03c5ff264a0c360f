package com.unifiedbeez.inbox.channel;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which attachment MIME types each channel accepts and how large they may be.
 *
 * <p>Limits assume the adapter uploads the file bytes to the platform. Platforms that fetch a URL
 * instead cap lower: Telegram 5 MB photos / 20 MB other files, Messenger 8 MB images.
 *
 * <p>Sizes use 1 MB = 1,000,000 bytes: the platforms write "MB" without saying which, and the
 * decimal reading is the stricter one, so nothing we accept is refused for a few kilobytes.
 */
public final class MediaRules {
    static final long KB = 1_000L;
    static final long MB = 1_000_000L;

    /**
     * WhatsApp Cloud API supported media types. Source: Meta, Cloud API "Media" developer documentation,
     * section "Supported media types" (updated Dec 11, 2025), and AWS End User Messaging Social,
     * "Supported media file types and sizes in WhatsApp"
     * (docs.aws.amazon.com/social-messaging/latest/userguide/supported-media-types.html).
     * audio/ogg is OPUS-only on WhatsApp; we cannot see the codec, the platform reports a failure.
     * image/webp is sent as a sticker: 100 KB static, 500 KB animated; we allow the larger.
     */
    private static final Map<String, Long> WHATSAPP = Map.ofEntries(
            Map.entry("image/jpeg", 5 * MB),
            Map.entry("image/png", 5 * MB),
            Map.entry("image/webp", 500 * KB),
            Map.entry("video/mp4", 16 * MB),
            Map.entry("video/3gpp", 16 * MB),
            Map.entry("video/3gp", 16 * MB),
            Map.entry("audio/aac", 16 * MB),
            Map.entry("audio/amr", 16 * MB),
            Map.entry("audio/mpeg", 16 * MB),
            Map.entry("audio/mp4", 16 * MB),
            Map.entry("audio/ogg", 16 * MB),
            Map.entry("text/plain", 100 * MB),
            Map.entry("application/pdf", 100 * MB),
            Map.entry("application/msword", 100 * MB),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", 100 * MB),
            Map.entry("application/vnd.ms-excel", 100 * MB),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 100 * MB),
            Map.entry("application/vnd.ms-powerpoint", 100 * MB),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", 100 * MB));

    /**
     * Instagram Messaging: audio aac/m4a/wav/mp4 25MB, image png/jpeg 8MB, video mp4/ogg/avi/mov/webm
     * 25MB, file pdf 25MB. Sources: Meta, "Instagram API with Instagram Login – Send Messages"
     * (developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/messaging-api)
     * and "Upload Media for Instagram Messaging", which adds GIF to images
     * (developers.facebook.com/documentation/business-messaging/instagram-messaging/features/attachment-upload).
     */
    private static final Map<String, Long> INSTAGRAM = Map.ofEntries(
            Map.entry("image/jpeg", 8 * MB),
            Map.entry("image/png", 8 * MB),
            Map.entry("image/gif", 8 * MB),
            Map.entry("audio/aac", 25 * MB),
            Map.entry("audio/mp4", 25 * MB),
            Map.entry("audio/x-m4a", 25 * MB),
            Map.entry("audio/wav", 25 * MB),
            Map.entry("audio/x-wav", 25 * MB),
            Map.entry("video/mp4", 25 * MB),
            Map.entry("video/ogg", 25 * MB),
            Map.entry("video/x-msvideo", 25 * MB),
            Map.entry("video/quicktime", 25 * MB),
            Map.entry("video/webm", 25 * MB),
            Map.entry("application/pdf", 25 * MB));

    /**
     * Messenger takes image, audio, video and any file "up to 25 MB in size" (images "8 MB max for URL
     * uploads"). Source: Meta, Messenger Platform "Saving assets"
     * (developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/saving-assets).
     */
    static final long MESSENGER_MAX = 25 * MB;

    /**
     * Telegram Bot API, "Sending files" (core.telegram.org/bots/api#sending-files): uploads are
     * "10 MB max size for photos, 50 MB for other files" (by URL: 5 MB and 20 MB). Images go out with
     * sendPhoto; any other type is accepted as a document.
     */
    static final long TELEGRAM_PHOTO_MAX = 10 * MB;
    static final long TELEGRAM_FILE_MAX = 50 * MB;

    /**
     * E-mail has no protocol limit; providers cap a message's attachments, 25 MB being the common
     * figure (Gmail Help, "Send attachments with your Gmail message": "For personal Gmail accounts,
     * the limit is 25 MB"). Applied per attachment here and to the total in {@link ChannelConstraints}.
     * Base64 makes the encoded message about a third larger; receiving servers may still refuse it.
     */
    static final long EMAIL_TOTAL_MAX = 25 * MB;

    private MediaRules() {
    }

    /** The unified message type for a MIME type: image, video, audio, or document for the rest. */
    public static MessageType messageType(String contentType) {
        String mime = normalize(contentType);
        if (mime == null) {
            return MessageType.DOCUMENT;
        }
        if (mime.startsWith("image/")) {
            return MessageType.IMAGE;
        }
        if (mime.startsWith("video/")) {
            return MessageType.VIDEO;
        }
        return mime.startsWith("audio/") ? MessageType.AUDIO : MessageType.DOCUMENT;
    }

    /** Largest accepted size in bytes, 0 when the channel does not accept this type at all. */
    public static long maxSize(Channel channel, String contentType) {
        String mime = normalize(contentType);
        if (mime == null) {
            return 0;
        }
        boolean image = messageType(mime) == MessageType.IMAGE;
        return switch (channel) {
            case SMS -> 0; // the spec's SMS is text only; MMS is out of scope
            case WHATSAPP -> WHATSAPP.getOrDefault(mime, 0L);
            case INSTAGRAM -> INSTAGRAM.getOrDefault(mime, 0L);
            case MESSENGER -> MESSENGER_MAX;
            case TELEGRAM -> image ? TELEGRAM_PHOTO_MAX : TELEGRAM_FILE_MAX;
            case EMAIL -> EMAIL_TOTAL_MAX;
        };
    }

    public static Optional<ConstraintViolation> check(Channel channel, String contentType, long sizeBytes) {
        if (channel == Channel.SMS) {
            return Optional.of(new ConstraintViolation("sms-no-media", "attachments",
                    "SMS carries text only; remove the attachment"));
        }
        long max = maxSize(channel, contentType);
        if (max == 0) {
            return Optional.of(new ConstraintViolation("media-type-not-allowed", "attachments",
                    label(channel) + " does not accept " + (normalize(contentType) == null
                            ? "attachments without a valid content type" : normalize(contentType) + " attachments")));
        }
        if (sizeBytes > max) {
            return Optional.of(new ConstraintViolation("media-too-large", "attachments",
                    label(channel) + " accepts " + normalize(contentType) + " up to " + human(max)
                            + "; this one is " + human(sizeBytes)));
        }
        return Optional.empty();
    }

    /** Lower-cased type/subtype without parameters ("audio/ogg; codecs=opus" → "audio/ogg"), or null. */
    static String normalize(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String mime = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .trim().toLowerCase(Locale.ROOT);
        int slash = mime.indexOf('/');
        return slash > 0 && slash < mime.length() - 1 && mime.indexOf('/', slash + 1) < 0 ? mime : null;
    }

    static String label(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> "WhatsApp";
            case EMAIL -> "Email";
            case INSTAGRAM -> "Instagram";
            case MESSENGER -> "Messenger";
            case TELEGRAM -> "Telegram";
            case SMS -> "SMS";
        };
    }

    static String human(long bytes) {
        if (bytes >= MB) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB).replace(".0 ", " ");
        }
        return bytes >= KB ? (bytes / KB) + " KB" : bytes + " bytes";
    }
}
