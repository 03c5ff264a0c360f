package com.unifiedbeez.inbox.channel;

import static com.unifiedbeez.inbox.channel.SmsSegments.GSM_7;
import static com.unifiedbeez.inbox.channel.SmsSegments.UCS_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmsSegmentsTest {
    private static final String EMOJI = "😀"; // U+1F600, a surrogate pair: 2 UTF-16 units
    private static final String CYRILLIC = "ж"; // BMP, not GSM-7: 1 UCS-2 unit

    static Stream<Arguments> bodies() {
        return Stream.of(
                arguments("empty body", "", GSM_7, 1, 0),
                arguments("160 GSM-7 chars fill one segment", "a".repeat(160), GSM_7, 1, 160),
                arguments("161 GSM-7 chars need two", "a".repeat(161), GSM_7, 2, 161),
                arguments("306 = 2 x 153", "a".repeat(306), GSM_7, 2, 306),
                arguments("307 needs a third", "a".repeat(307), GSM_7, 3, 307),
                arguments("euro is an extension char: 2 septets", "€", GSM_7, 1, 2),
                arguments("80 euros are exactly 160 septets", "€".repeat(80), GSM_7, 1, 160),
                arguments("80 euros and one more char overflow", "€".repeat(80) + "a", GSM_7, 2, 161),
                arguments("every extension char counts 2", "^{}\\[~]|€\f", GSM_7, 1, 20),
                arguments("escape pair at a boundary moves whole",
                        "a".repeat(152) + "€" + "a".repeat(152), GSM_7, 3, 306),
                arguments("escape pair ending a segment exactly",
                        "a".repeat(151) + "€" + "a".repeat(153), GSM_7, 2, 306),
                arguments("Greek capitals of the GSM table", "ΔΦΓΛΩΠΨΣΘΞ", GSM_7, 1, 10),
                arguments("Greek capital Alpha is not Latin A", "Α", UCS_2, 1, 1),
                arguments("lower-case Greek is not GSM-7", "δ", UCS_2, 1, 1),
                arguments("capital C cedilla is GSM-7", "Ç", GSM_7, 1, 1),
                arguments("small c cedilla is not", "ç", UCS_2, 1, 1),
                arguments("accented letters of the basic table", "èéùìòØøÅåÆæßÉÄÖÑÜäöñüà¡¿§¤£¥$@_", GSM_7, 1, 31),
                arguments("LF and CR are GSM-7", "a\nb\r", GSM_7, 1, 4),
                arguments("backtick is not GSM-7", "`", UCS_2, 1, 1),
                arguments("a curly apostrophe forces UCS-2", "it’s", UCS_2, 1, 4),
                arguments("one emoji forces UCS-2 and counts 2", "Hello " + EMOJI, UCS_2, 1, 8),
                arguments("70 UCS-2 units fill one segment", CYRILLIC.repeat(70), UCS_2, 1, 70),
                arguments("71 UCS-2 units need two", CYRILLIC.repeat(71), UCS_2, 2, 71),
                arguments("134 = 2 x 67", CYRILLIC.repeat(134), UCS_2, 2, 134),
                arguments("135 needs a third", CYRILLIC.repeat(135), UCS_2, 3, 135),
                arguments("emoji at a boundary moves whole to the next segment",
                        CYRILLIC.repeat(66) + EMOJI + CYRILLIC.repeat(66), UCS_2, 3, 134),
                arguments("emoji ending a segment exactly",
                        CYRILLIC.repeat(65) + EMOJI + CYRILLIC.repeat(67), UCS_2, 2, 134),
                arguments("35 emoji are 70 units", EMOJI.repeat(35), UCS_2, 1, 70),
                arguments("36 emoji: 33 fit the first of two", EMOJI.repeat(36), UCS_2, 2, 72));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void countsEncodingSegmentsAndUnits(String name, String text, String encoding, int segments, int units) {
        assertThat(SmsSegments.of(text)).isEqualTo(new SmsSegments(encoding, segments, units));
    }

    @Test
    void basicTableHoldsThe127CharactersOfGsm0338() {
        assertThat(SmsSegments.GSM7_BASIC.chars().distinct().count()).isEqualTo(127);
        assertThat(SmsSegments.GSM7_BASIC).hasSize(127);
    }
}
