package com.unifiedbeez.inbox.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"👍", "❤️", "❤", "😀", "🫠", "👍🏽", "👋🏿", "👨‍👩‍👧‍👦", "🧑🏾‍💻", "🏳️‍🌈", "🇬🇧", "🇺🇦", "1️⃣", "#️⃣", "*️⃣",
            "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☺️", "🙂‍↔️"})
    void oneEmojiIsOne(String text) {
        assertThat(Emoji.isOne(text)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", " ", "ok", "a", "1", "#", ":)", "👍👍", "👍 ", "👍a", "🇬", "🇬🇧🇺🇦", "\u200d", "\ufe0f",
            "👍\u200d", "x\u20e3", "👍🏿🏿", "<3"})
    void anythingElseIsNot(String text) {
        assertThat(Emoji.isOne(text)).isFalse();
    }
}
