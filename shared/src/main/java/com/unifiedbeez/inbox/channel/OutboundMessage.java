package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored send in the unified format, what {@link OutgoingSender#send} turns into a platform call.
 *
 * @param type     one of {@link OutgoingMessage#TYPES}: text, image, video, audio, document, location, template,
 *                 interactive
 * @param text     the text or caption; for a template, its rendered body (for channels without templates)
 * @param metadata what the type needs: {@code template {name, language, params}}, {@code location
 *                 {latitude, longitude, name, address}}, {@code interactive {buttons: [{id, title}]}}, ...; never null
 * @param to       the customer's identity on the conversation's channel
 * @param media    attachments, in order
 * @param thread   email threading; null on other channels
 * @param customerLastWroteAt when the customer last wrote in the conversation (conversations.last_inbound_at),
 *                 what decides a Messenger/Instagram reply's messaging_type; null when they never wrote
 */
public record OutboundMessage(UUID messageId, UUID conversationId, MessageType type, String text, ObjectNode metadata,
                              Recipient to, List<Media> media, Thread thread, Instant customerLastWroteAt) {

    /** The customer we write to: wa_id/phone, PSID, IGSID, chat id or email address. */
    public record Recipient(String identifier, String displayName) {
        public Recipient {
            Objects.requireNonNull(identifier, "identifier");
        }
    }

    /**
     * An attachment: {@code url} is a presigned GET of the media bucket (platforms that fetch by link),
     * {@code storageKey} its key (channels that upload bytes: email).
     */
    public record Media(String url, String storageKey, String contentType, String fileName, long sizeBytes) {
    }

    /**
     * Email threading: the subject and the Message-IDs this reply answers (In-Reply-To = the
     * customer's last message, References = the thread so far, oldest first).
     */
    public record Thread(String subject, String inReplyTo, List<String> references) {
        public Thread {
            references = references == null ? List.of() : List.copyOf(references);
        }
    }

    public OutboundMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(to, "to");
        media = media == null ? List.of() : List.copyOf(media);
    }
}
