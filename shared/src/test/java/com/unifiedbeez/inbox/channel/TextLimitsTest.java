package com.unifiedbeez.inbox.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TextLimitsTest {
    private static final String EMOJI = "😀"; // 2 UTF-16 units, 4 UTF-8 bytes

    static Stream<Arguments> texts() {
        return Stream.of(
                arguments(Channel.WHATSAPP, "a".repeat(4096), false),
                arguments(Channel.WHATSAPP, "a".repeat(4097), true),
                arguments(Channel.WHATSAPP, EMOJI.repeat(2048), false),
                arguments(Channel.WHATSAPP, EMOJI.repeat(2048) + "a", true),
                arguments(Channel.MESSENGER, "a".repeat(2000), false),
                arguments(Channel.MESSENGER, "a".repeat(2001), true),
                arguments(Channel.INSTAGRAM, "a".repeat(1000), false),
                arguments(Channel.INSTAGRAM, "a".repeat(1001), true),
                arguments(Channel.INSTAGRAM, "é".repeat(500), false),
                arguments(Channel.INSTAGRAM, "é".repeat(500) + "a", true),
                arguments(Channel.INSTAGRAM, "€".repeat(333), false),
                arguments(Channel.INSTAGRAM, "€".repeat(334), true),
                arguments(Channel.INSTAGRAM, EMOJI.repeat(250), false),
                arguments(Channel.INSTAGRAM, EMOJI.repeat(251), true),
                arguments(Channel.TELEGRAM, "a".repeat(4096), false),
                arguments(Channel.TELEGRAM, "a".repeat(4097), true),
                arguments(Channel.SMS, "a".repeat(1600), false),
                arguments(Channel.SMS, "a".repeat(1601), true),
                arguments(Channel.SMS, EMOJI.repeat(801), true),
                arguments(Channel.EMAIL, "a".repeat(1 << 20), false),
                arguments(Channel.EMAIL, "a".repeat((1 << 20) + 1), true),
                arguments(Channel.WHATSAPP, "", false),
                arguments(Channel.SMS, null, false));
    }

    @ParameterizedTest(name = "[{index}] {0} -> too long: {2}")
    @MethodSource("texts")
    void rejectsTextOverTheChannelLimit(Channel channel, String text, boolean tooLong) {
        assertThat(TextLimits.check(channel, text))
                .map(ConstraintViolation::rule)
                .isEqualTo(tooLong ? Optional.of("text-too-long") : Optional.empty());
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
            "WHATSAPP, 4096, characters",
            "MESSENGER, 2000, characters",
            "INSTAGRAM, 1000, bytes",
            "TELEGRAM, 4096, characters",
            "SMS, 1600, characters",
            "EMAIL, 1048576, bytes"})
    void limitsAndUnits(Channel channel, int max, String unit) {
        assertThat(TextLimits.maxLength(channel)).isEqualTo(max);
        assertThat(TextLimits.unit(channel)).isEqualTo(unit);
    }

    @Test
    void violationPointsAtTheContent() {
        assertThat(TextLimits.check(Channel.INSTAGRAM, EMOJI.repeat(251)).orElseThrow())
                .isEqualTo(new ConstraintViolation("text-too-long", "content",
                        "Instagram accepts at most 1000 bytes; this text is 1004"));
    }
}
