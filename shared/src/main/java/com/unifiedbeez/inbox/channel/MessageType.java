package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a message is, in our words (not a platform's): the lower-case name is the wire value
 * (openapi.yaml's MessageType) and the messages.message_type column value (its CHECK constraint
 * lists the same thirteen).
 */
public enum MessageType {
    TEXT, HTML, IMAGE, VIDEO, AUDIO, DOCUMENT, STICKER, LOCATION, TEMPLATE, INTERACTIVE, CONTACTS, REACTION, UNSUPPORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst();
    }

    /** A file with an optional caption: image, video, audio or document (a sticker is a platform's own kind). */
    public boolean isMedia() {
        return this == IMAGE || this == VIDEO || this == AUDIO || this == DOCUMENT;
    }
}
