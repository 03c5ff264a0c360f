package com.unifiedbeez.inbox.channel;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Maximum text length per channel, measured the way the platform measures it. Where a platform
 * says "characters" without defining them we count UTF-16 code units (an emoji counts 2): never
 * fewer than the platform's count, so what we accept is not refused for length.
 */
public final class TextLimits {
    /** Meta, WhatsApp Cloud API "Text messages": body text "Maximum 4096 characters". */
    static final int WHATSAPP_MAX_CHARS = 4096;

    /** Meta, Messenger Send API reference, message.text: "Must be UTF-8 and has a 2000 character limit". */
    static final int MESSENGER_MAX_CHARS = 2000;

    /**
     * Meta, "Instagram API with Instagram Login – Send Messages": "Message text must be UTF-8 and be
     * a 1000 bytes or less" — bytes, so 400 emoji are already too many.
     */
    static final int INSTAGRAM_MAX_UTF8_BYTES = 1000;

    /** Telegram Bot API, sendMessage (core.telegram.org/bots/api#sendmessage): "1-4096 characters after entities parsing". */
    static final int TELEGRAM_MAX_CHARS = 4096;

    /**
     * Twilio Messages resource: Body "up to 1,600 characters" (twilio.com/docs/glossary/what-sms-character-limit;
     * error 21617 "The concatenated message body exceeds the 1600 character limit", where emoji and
     * non-GSM characters count as more than one).
     */
    static final int SMS_MAX_CHARS = 1600;

    /**
     * E-mail bodies have no protocol limit (providers cap the whole message, 25 MB at Gmail). We cap
     * an agent's reply at 1 MiB of UTF-8: far beyond any hand-written answer, small enough that one
     * body cannot bloat a row, an event or an SMTP session.
     */
    static final int EMAIL_MAX_UTF8_BYTES = 1 << 20;

    private TextLimits() {
    }

    public static int maxLength(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> WHATSAPP_MAX_CHARS;
            case MESSENGER -> MESSENGER_MAX_CHARS;
            case INSTAGRAM -> INSTAGRAM_MAX_UTF8_BYTES;
            case TELEGRAM -> TELEGRAM_MAX_CHARS;
            case SMS -> SMS_MAX_CHARS;
            case EMAIL -> EMAIL_MAX_UTF8_BYTES;
        };
    }

    /** "bytes" (UTF-8) on Instagram and Email, "characters" (UTF-16 code units) elsewhere. */
    public static String unit(Channel channel) {
        return channel == Channel.INSTAGRAM || channel == Channel.EMAIL ? "bytes" : "characters";
    }

    /** Length of {@code text} in the channel's {@link #unit}. */
    public static int length(Channel channel, String text) {
        if (text == null) {
            return 0;
        }
        return unit(channel).equals("bytes") ? text.getBytes(StandardCharsets.UTF_8).length : text.length();
    }

    /** Only the upper bound: an empty text is {@link ChannelConstraints}' concern, as media may carry it. */
    public static Optional<ConstraintViolation> check(Channel channel, String text) {
        int length = length(channel, text);
        int max = maxLength(channel);
        if (length <= max) {
            return Optional.empty();
        }
        return Optional.of(new ConstraintViolation("text-too-long", "content",
                MediaRules.label(channel) + " accepts at most " + max + " " + unit(channel)
                        + "; this text is " + length));
    }
}
