package com.unifiedbeez.inbox.platform.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "plain", "Grüße", "😀 pair", "👨‍👩‍👧‍👦", "\uFFFD", "tab\tand\nnewline", "\uD83D\uDE00"})
    void textPostgresAndUtf8CanHoldIsFine(String text) {
        assertThat(StorableText.defect(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\u0000", "a\u0000", "\u0000b"})
    void nulIsNamed(String text) {
        assertThat(StorableText.defect(text)).contains("contains a NUL character (U+0000)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\uD800", "x\uDBFF", "\uDC00x", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "\uD83D\uDE00\uDE00"})
    void anUnpairedSurrogateIsNamed(String text) {
        assertThat(StorableText.defect(text)).get().asString().contains("unpaired surrogate");
    }
}
