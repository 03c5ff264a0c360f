package com.unifiedbeez.inbox.message;

/** The one-line preview an inbox list shows for a conversation's last message. */
public final class Previews {
    static final int MAX = 200;

    private Previews() {
    }

    public static String of(String type, String content) {
        String text = content == null || content.isBlank() ? "[" + type + "]" : content.strip();
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}
