package com.unifiedbeez.inbox.channel;

import static com.unifiedbeez.inbox.channel.MessageType.DOCUMENT;
import static com.unifiedbeez.inbox.channel.MessageType.IMAGE;
import static com.unifiedbeez.inbox.channel.MessageType.LOCATION;
import static com.unifiedbeez.inbox.channel.MessageType.STICKER;
import static com.unifiedbeez.inbox.channel.MessageType.TEMPLATE;
import static com.unifiedbeez.inbox.channel.MessageType.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.unifiedbeez.inbox.channel.OutgoingMessage.Attachment;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelConstraintsTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Duration RECENT = Duration.ofMinutes(5);
    private static final Duration NEVER = null;
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long MB = 1_000_000;

    private static final Attachment JPEG = new Attachment("image/jpeg", 200_000);
    private static final Attachment GIF = new Attachment("image/gif", 200_000);
    private static final Attachment MP4 = new Attachment("video/mp4", 2 * MB);
    private static final Attachment PDF = new Attachment("application/pdf", 1 * MB);

    static Stream<Arguments> messages() {
        return Stream.of(
                // the reply window
                row("WhatsApp text shortly after the customer wrote", msg(Channel.WHATSAPP, TEXT, "Hi"), RECENT),
                row("WhatsApp text at 23:59:59", msg(Channel.WHATSAPP, TEXT, "Hi"), DAY.minus(SECOND)),
                row("WhatsApp text at 24:00:01", msg(Channel.WHATSAPP, TEXT, "Hi"), DAY.plus(SECOND),
                        "whatsapp-24h-window@type"),
                row("WhatsApp image outside the window", msg(Channel.WHATSAPP, IMAGE, null, JPEG), DAY.plus(SECOND),
                        "whatsapp-24h-window@type"),
                row("WhatsApp template outside the window", msg(Channel.WHATSAPP, TEMPLATE, null), DAY.plus(SECOND)),
                row("WhatsApp template to a customer who never wrote", msg(Channel.WHATSAPP, TEMPLATE, null), NEVER),
                row("WhatsApp text to a customer who never wrote", msg(Channel.WHATSAPP, TEXT, "Hi"), NEVER,
                        "whatsapp-24h-window@type"),
                row("Messenger text after 6 days 23:59:59", msg(Channel.MESSENGER, TEXT, "Hi"),
                        Duration.ofDays(7).minus(SECOND)),
                row("Messenger text after 7 days", msg(Channel.MESSENGER, TEXT, "Hi"), Duration.ofDays(7).plus(SECOND),
                        "meta-7-day-window@conversation"),
                row("Messenger template does not reopen the thread", msg(Channel.MESSENGER, TEMPLATE, null),
                        Duration.ofDays(8), "meta-7-day-window@conversation"),
                row("Instagram text to a customer who never wrote", msg(Channel.INSTAGRAM, TEXT, "Hi"), NEVER,
                        "meta-7-day-window@conversation"),
                row("Email has no window", msg(Channel.EMAIL, TEXT, "Hi"), NEVER),
                row("Telegram has no window", msg(Channel.TELEGRAM, TEXT, "Hi"), Duration.ofDays(90)),
                // empty messages
                row("no text and no attachment", msg(Channel.WHATSAPP, TEXT, null), RECENT, "empty-message@content"),
                row("whitespace only", msg(Channel.TELEGRAM, TEXT, " \n\t"), RECENT, "empty-message@content"),
                row("an attachment without text", msg(Channel.WHATSAPP, IMAGE, null, JPEG), RECENT),
                row("a location carries no text", msg(Channel.WHATSAPP, LOCATION, null), RECENT),
                // SMS
                row("SMS text", msg(Channel.SMS, TEXT, "Your order shipped"), NEVER),
                row("SMS image", msg(Channel.SMS, IMAGE, null, JPEG), NEVER,
                        "sms-no-media@type", "sms-no-media@attachments"),
                row("SMS text with an attachment", msg(Channel.SMS, TEXT, "See file", PDF), NEVER,
                        "sms-no-media@attachments"),
                row("SMS over 1600 characters", msg(Channel.SMS, TEXT, "a".repeat(1601)), NEVER,
                        "text-too-long@content"),
                row("SMS template", msg(Channel.SMS, TEMPLATE, null), NEVER, "type-not-supported@type"),
                // text limits
                row("Instagram text over 1000 bytes", msg(Channel.INSTAGRAM, TEXT, "é".repeat(501)), RECENT,
                        "text-too-long@content"),
                row("WhatsApp template skips the free-text limit", msg(Channel.WHATSAPP, TEMPLATE, "a".repeat(5000)),
                        RECENT),
                // attachment counts and media rules
                row("WhatsApp: two media in one message", msg(Channel.WHATSAPP, IMAGE, null, JPEG, JPEG), RECENT,
                        "too-many-attachments@attachments"),
                row("WhatsApp: GIF is not a supported image", msg(Channel.WHATSAPP, IMAGE, null, GIF), RECENT,
                        "media-type-not-allowed@attachments[0]"),
                row("Instagram: ten images", msg(Channel.INSTAGRAM, IMAGE, null, images(10)), RECENT),
                row("Instagram: eleven images", msg(Channel.INSTAGRAM, IMAGE, null, images(11)), RECENT,
                        "too-many-attachments@attachments"),
                row("Instagram: image and video together", msg(Channel.INSTAGRAM, IMAGE, null, JPEG, MP4), RECENT,
                        "too-many-attachments@attachments"),
                row("Messenger: two files", msg(Channel.MESSENGER, DOCUMENT, null, PDF, PDF), RECENT,
                        "too-many-attachments@attachments"),
                row("Telegram: ten attachments", msg(Channel.TELEGRAM, IMAGE, null, images(10)), RECENT),
                row("Telegram: eleven attachments", msg(Channel.TELEGRAM, IMAGE, null, images(11)), RECENT,
                        "too-many-attachments@attachments"),
                row("Telegram: second attachment over 50 MB",
                        msg(Channel.TELEGRAM, DOCUMENT, null, PDF, new Attachment("application/zip", 51 * MB)), RECENT,
                        "media-too-large@attachments[1]"),
                row("Email: three 10 MB files exceed 25 MB in total", msg(Channel.EMAIL, DOCUMENT, "Files",
                        new Attachment("application/pdf", 10 * MB), new Attachment("application/pdf", 10 * MB),
                        new Attachment("application/pdf", 10 * MB)), NEVER, "media-too-large@attachments"),
                row("Email: one 26 MB file", msg(Channel.EMAIL, DOCUMENT, "File",
                        new Attachment("application/pdf", 26 * MB)), NEVER, "media-too-large@attachments[0]"),
                // message types
                row("Email location", msg(Channel.EMAIL, LOCATION, null), NEVER, "type-not-supported@type"),
                row("Telegram template", msg(Channel.TELEGRAM, TEMPLATE, null), NEVER, "type-not-supported@type"),
                row("Messenger location", msg(Channel.MESSENGER, LOCATION, null), RECENT, "type-not-supported@type"),
                row("a sticker", msg(Channel.WHATSAPP, STICKER, "x"), RECENT, "type-not-supported@type"),
                row("missing type", msg(Channel.WHATSAPP, null, "x"), RECENT, "type-not-supported@type"),
                // everything at once, in check order
                row("WhatsApp: outside window, too long, two media one of them a GIF",
                        msg(Channel.WHATSAPP, IMAGE, "a".repeat(4097), JPEG, GIF), DAY.plus(SECOND),
                        "whatsapp-24h-window@type", "text-too-long@content",
                        "too-many-attachments@attachments", "media-type-not-allowed@attachments[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void reportsEveryBrokenConstraint(String name, OutgoingMessage message, Duration sinceLastInbound,
                                      List<String> expected) {
        Instant lastInboundAt = sinceLastInbound == null ? null : NOW.minus(sinceLastInbound);
        assertThat(ChannelConstraints.check(message, lastInboundAt, NOW))
                .extracting(v -> v.rule() + "@" + v.field())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aViolationBecomesAProblemFieldError() {
        ConstraintViolation violation = ChannelConstraints.check(msg(Channel.WHATSAPP, TEXT, "Hi"), null, NOW).get(0);
        assertThat(violation.toFieldError()).isEqualTo(new FieldError("type",
                "The customer has not written in the last 24 hours; WhatsApp only accepts an approved template",
                "whatsapp-24h-window"));
    }

    @Test
    void nullAttachmentsMeanNone() {
        assertThat(new OutgoingMessage(Channel.EMAIL, TEXT, "Hi", null).attachments()).isEmpty();
    }

    private static Arguments row(String name, OutgoingMessage message, Duration since, String... expected) {
        return arguments(name, message, since, List.of(expected));
    }

    private static OutgoingMessage msg(Channel channel, MessageType type, String text, Attachment... attachments) {
        return new OutgoingMessage(channel, type, text, List.of(attachments));
    }

    private static Attachment[] images(int count) {
        return Collections.nCopies(count, JPEG).toArray(Attachment[]::new);
    }
}
