package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.MessageType;

/** The one-line preview an inbox list shows for a conversation's last message. */
public final class Previews {
    static final int MAX = 200;

    private Previews() {
    }

    /** The text, or the type in brackets ("[image]") when there is none. */
    public static String of(MessageType type, String content) {
        String text = content == null || content.isBlank() ? "[" + type.wireName() + "]" : content.strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}
