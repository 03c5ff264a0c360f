package com.unifiedbeez.inbox.platform.text;

import net.fellbaum.jemoji.EmojiManager;

/**
 * Whether a text is exactly one emoji: a single pictograph, or one sequence the Unicode emoji data
 * lists (skin tones, ZWJ sequences such as families, flags, keycaps, tag sequences), in any of its
 * qualification forms ("❤" and "❤️"). The data is JEmoji's copy of Unicode's emoji-test.txt; loading
 * it costs a few hundred milliseconds once per container, so it is loaded on first use or by
 * {@link #warmUp()} during SnapStart priming.
 */
public final class Emoji {
    private Emoji() {
    }

    public static boolean isOne(String text) {
        return text != null && !text.isEmpty() && EmojiManager.isEmoji(text);
    }

    /** Loads the emoji data now (SnapStart priming), so no request pays for it. */
    public static void warmUp() {
        isOne("👍");
    }
}
