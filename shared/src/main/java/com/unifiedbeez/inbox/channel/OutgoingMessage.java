package com.unifiedbeez.inbox.channel;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What an agent asks to send, reduced to what the channel constraints look at.
 * {@code type} is one of {@link #TYPES}; {@code text} may be null; attachments null means none.
 */
public record OutgoingMessage(Channel channel, String type, String text, List<Attachment> attachments) {
    public static final Set<String> TYPES =
            Set.of("text", "image", "video", "audio", "document", "location", "template", "interactive");

    /** One attachment: its MIME type and size in bytes. */
    public record Attachment(String contentType, long sizeBytes) {
    }

    public OutgoingMessage {
        Objects.requireNonNull(channel, "channel");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
