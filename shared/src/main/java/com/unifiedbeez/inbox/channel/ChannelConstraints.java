package com.unifiedbeez.inbox.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every channel constraint an outgoing message breaks, checked before a send is accepted; an empty
 * list means the platform should take it. Pure: the caller supplies the customer's last inbound
 * time and the clock.
 */
public final class ChannelConstraints {
    /** Text or media: what needs text or an attachment to be a message at all. */
    private static final Set<MessageType> CONTENT_TYPES = EnumSet.of(MessageType.TEXT, MessageType.IMAGE,
            MessageType.VIDEO, MessageType.AUDIO, MessageType.DOCUMENT);

    /**
     * Message types each channel can carry. WhatsApp: the spec's channel table and Meta's Cloud API
     * message types. Messenger: "text, audio, images, video, and files" plus structured templates and
     * quick replies (Meta, Messenger Platform "Sending Messages"). Instagram: text, image, video,
     * audio, PDF file, generic template, quick replies (Meta, Instagram Login "Send Messages").
     * Telegram: sendMessage/sendPhoto/sendVideo/sendAudio/sendDocument/sendLocation and inline
     * keyboards. "template" means a platform template: only WhatsApp has approved ones to reopen a
     * thread; e-mail and SMS carry text (and e-mail attachments) only.
     */
    private static final Map<Channel, Set<MessageType>> SUPPORTED_TYPES = Map.of(
            Channel.WHATSAPP, OutgoingMessage.TYPES,
            Channel.MESSENGER, EnumSet.of(MessageType.TEXT, MessageType.IMAGE, MessageType.VIDEO, MessageType.AUDIO,
                    MessageType.DOCUMENT, MessageType.TEMPLATE, MessageType.INTERACTIVE),
            Channel.INSTAGRAM, EnumSet.of(MessageType.TEXT, MessageType.IMAGE, MessageType.VIDEO, MessageType.AUDIO,
                    MessageType.DOCUMENT, MessageType.TEMPLATE, MessageType.INTERACTIVE),
            Channel.TELEGRAM, EnumSet.of(MessageType.TEXT, MessageType.IMAGE, MessageType.VIDEO, MessageType.AUDIO,
                    MessageType.DOCUMENT, MessageType.LOCATION, MessageType.INTERACTIVE),
            Channel.EMAIL, CONTENT_TYPES,
            Channel.SMS, EnumSet.of(MessageType.TEXT));

    /**
     * Attachments one platform message can hold. WhatsApp: one media object per message (Cloud API
     * image/video/audio/document messages each carry a single asset). Messenger: the Send API's
     * message.attachment is a single object. Instagram: "up to ten attachment objects with type set
     * to image", any other media alone (Instagram Login "Send Messages"). Telegram: sendMediaGroup
     * "must include 2-10 items". E-mail: no count limit, the 25 MB total applies instead.
     */
    static final int WHATSAPP_MAX_ATTACHMENTS = 1;
    static final int MESSENGER_MAX_ATTACHMENTS = 1;
    static final int INSTAGRAM_MAX_IMAGES = 10;
    static final int TELEGRAM_MAX_ATTACHMENTS = 10;

    private ChannelConstraints() {
    }

    public static List<ConstraintViolation> check(OutgoingMessage message, Instant lastInboundAt, Instant now) {
        List<ConstraintViolation> violations = new ArrayList<>();
        Channel channel = message.channel();
        MessageType type = message.type(); // null: none given, refused as not supported

        checkType(channel, type).ifPresent(violations::add);
        if (CONTENT_TYPES.contains(type) && isBlank(message.text()) && message.attachments().isEmpty()) {
            violations.add(new ConstraintViolation("empty-message", "content",
                    "A message needs text or at least one attachment"));
        }
        checkWindow(channel, type, ReplyWindow.of(channel, lastInboundAt, now)).ifPresent(violations::add);
        if (type != MessageType.TEMPLATE) { // a template's body is the approved one, not free text
            TextLimits.check(channel, message.text()).ifPresent(violations::add);
        }
        checkAttachments(channel, message.attachments(), violations);
        return List.copyOf(violations);
    }

    private static Optional<ConstraintViolation> checkType(Channel channel, MessageType type) {
        if (type != null && SUPPORTED_TYPES.get(channel).contains(type)) {
            return Optional.empty();
        }
        if (channel == Channel.SMS && type != null && type.isMedia()) {
            return Optional.of(new ConstraintViolation("sms-no-media", "type", "SMS carries text only"));
        }
        return Optional.of(new ConstraintViolation("type-not-supported", "type",
                MediaRules.label(channel) + " cannot send " + (type == null ? "a message without a type"
                        : "'" + type.wireName() + "' messages")));
    }

    private static Optional<ConstraintViolation> checkWindow(Channel channel, MessageType type, ReplyWindow window) {
        if (window.open()) {
            return Optional.empty();
        }
        if (channel == Channel.WHATSAPP) {
            return type == MessageType.TEMPLATE ? Optional.empty() : Optional.of(new ConstraintViolation(
                    "whatsapp-24h-window", "type",
                    "The customer has not written in the last 24 hours; WhatsApp only accepts an approved template"));
        }
        return Optional.of(new ConstraintViolation("meta-7-day-window", "conversation",
                "The customer has not written in the last 7 days; " + MediaRules.label(channel)
                        + " accepts no reply until they write again"));
    }

    private static void checkAttachments(Channel channel, List<OutgoingMessage.Attachment> attachments,
                                         List<ConstraintViolation> violations) {
        if (attachments.isEmpty()) {
            return;
        }
        if (channel == Channel.SMS) {
            violations.add(new ConstraintViolation("sms-no-media", "attachments",
                    "SMS carries text only; remove the attachments"));
            return;
        }
        tooMany(channel, attachments).ifPresent(violations::add);
        long total = 0;
        for (int i = 0; i < attachments.size(); i++) {
            OutgoingMessage.Attachment attachment = attachments.get(i);
            String field = "attachments[" + i + "]";
            MediaRules.check(channel, attachment.contentType(), attachment.sizeBytes())
                    .map(v -> v.withField(field))
                    .ifPresent(violations::add);
            total += Math.max(0, attachment.sizeBytes());
        }
        if (channel == Channel.EMAIL && attachments.size() > 1 && total > MediaRules.EMAIL_TOTAL_MAX) {
            violations.add(new ConstraintViolation("media-too-large", "attachments",
                    "Email attachments may total " + MediaRules.human(MediaRules.EMAIL_TOTAL_MAX)
                            + "; these total " + MediaRules.human(total)));
        }
    }

    private static Optional<ConstraintViolation> tooMany(Channel channel, List<OutgoingMessage.Attachment> attachments) {
        int count = attachments.size();
        String limit = switch (channel) {
            case WHATSAPP -> count > WHATSAPP_MAX_ATTACHMENTS ? "one attachment per message" : null;
            case MESSENGER -> count > MESSENGER_MAX_ATTACHMENTS ? "one attachment per message" : null;
            case INSTAGRAM -> count > 1 && (count > INSTAGRAM_MAX_IMAGES || !allImages(attachments))
                    ? "up to " + INSTAGRAM_MAX_IMAGES + " images, or a single video, audio or file, per message" : null;
            case TELEGRAM -> count > TELEGRAM_MAX_ATTACHMENTS
                    ? "up to " + TELEGRAM_MAX_ATTACHMENTS + " attachments per message" : null;
            case EMAIL, SMS -> null;
        };
        return limit == null ? Optional.empty() : Optional.of(new ConstraintViolation("too-many-attachments",
                "attachments", MediaRules.label(channel) + " accepts " + limit + "; this message has " + count));
    }

    private static boolean allImages(List<OutgoingMessage.Attachment> attachments) {
        return attachments.stream().allMatch(a -> MediaRules.messageType(a.contentType()) == MessageType.IMAGE);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
