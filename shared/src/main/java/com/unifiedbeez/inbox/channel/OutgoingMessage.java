package com.unifiedbeez.inbox.channel;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an agent asks to send, reduced to what the channel constraints look at.
 * {@code type} is one of {@link #TYPES} (another, or null, is refused by {@link ChannelConstraints});
 * {@code text} may be null; attachments null means none.
 */
public record OutgoingMessage(Channel channel, MessageType type, String text, List<Attachment> attachments) {
    public static final Set<MessageType> TYPES = Set.of(MessageType.TEXT, MessageType.IMAGE, MessageType.VIDEO,
            MessageType.AUDIO, MessageType.DOCUMENT, MessageType.LOCATION, MessageType.TEMPLATE,
            MessageType.INTERACTIVE);

    /** One attachment: its MIME type and size in bytes. */
    public record Attachment(String contentType, long sizeBytes) {
    }

    public OutgoingMessage {
        Objects.requireNonNull(channel, "channel");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
