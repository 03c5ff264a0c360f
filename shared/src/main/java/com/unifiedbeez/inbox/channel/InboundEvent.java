package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.message.MessageStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A platform payload in the unified format: what {@link IncomingNormalizer#normalizeIncoming}
 * returns and the inbound processor stores. One payload may hold several events. Every string an
 * event carries is made storable on the way in ({@link PlatformText}: no NUL).
 */
public sealed interface InboundEvent {

    /** Who wrote: the platform id we reply to, plus whatever the platform tells of them. */
    record Customer(String identifier, String displayName, String phone, String email) {
        public Customer {
            Objects.requireNonNull(identifier, "identifier");
            identifier = PlatformText.clean(identifier);
            displayName = PlatformText.clean(displayName);
            phone = PlatformText.clean(phone);
            email = PlatformText.clean(email);
        }
    }

    /** A file the platform holds for us: a media id (WhatsApp, Telegram file_id) or a URL, fetched by the adapter. */
    record InboundMedia(String reference, String contentType, String fileName, Long sizeBytes) {
        public InboundMedia {
            Objects.requireNonNull(reference, "reference");
            contentType = PlatformText.clean(contentType);
            fileName = PlatformText.clean(fileName);
        }
    }

    /**
     * A message the customer wrote.
     *
     * @param externalId platform message id (wamid, mid, chat_id:message_id, MessageSid, Message-ID); unique per connection
     * @param type       what the customer sent, in our words; a platform's kind we have no word for is
     *                   {@link MessageType#UNSUPPORTED} (never {@link MessageType#TEMPLATE}: only we send those)
     * @param text       the text, caption, button title or plain-text body; may be null
     * @param metadata   channel details kept with the message (location, interactive reply ids,
     *                   story reference, email subject/html/headers, ...); never null
     * @param replyTo    platform id of the message this one answers, or null
     * @param references email threading: In-Reply-To then References ids, nearest first; empty elsewhere
     */
    record InboundMessage(String externalId, Customer from, Instant sentAt, MessageType type, String text,
                          ObjectNode metadata, List<InboundMedia> media, String replyTo, List<String> references)
            implements InboundEvent {
        public InboundMessage {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(sentAt, "sentAt");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(metadata, "metadata");
            externalId = PlatformText.clean(externalId);
            text = PlatformText.clean(text);
            metadata = PlatformText.clean(metadata);
            replyTo = PlatformText.clean(replyTo);
            media = media == null ? List.of() : List.copyOf(media);
            references = references == null ? List.of() : List.copyOf(PlatformText.clean(references));
        }
    }

    /** The customer edited a message they sent (Telegram edited_message). */
    record MessageEdit(String externalId, Customer from, String text, Instant editedAt) implements InboundEvent {
        public MessageEdit {
            externalId = PlatformText.clean(externalId);
            text = PlatformText.clean(text);
        }
    }

    /** The customer reacted to a message (emoji null or empty: reaction removed). */
    record Reaction(String targetExternalId, Customer from, String emoji, Instant at) implements InboundEvent {
        public Reaction {
            targetExternalId = PlatformText.clean(targetExternalId);
            emoji = PlatformText.clean(emoji);
        }
    }

    /**
     * Delivery progress of one of our outbound messages, by its platform id; may arrive before the
     * sender has recorded that id (kept as pending and applied when it does).
     */
    record StatusReport(String externalId, String recipient, MessageStatus status, Instant occurredAt,
                        String errorCode, String errorMessage) implements InboundEvent {
        public StatusReport {
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(occurredAt, "occurredAt");
            externalId = PlatformText.clean(externalId);
            recipient = PlatformText.clean(recipient);
            errorCode = PlatformText.clean(errorCode);
            errorMessage = PlatformText.clean(errorMessage);
        }
    }

    /**
     * The customer read everything we sent up to a moment (Messenger/Instagram `read.watermark`),
     * not naming message ids.
     */
    record ReadUpTo(String recipient, Instant watermark) implements InboundEvent {
    }
}
