package com.unifiedbeez.inbox.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MediaRulesTest {
    private static final long KB = 1_000;
    private static final long MB = 1_000_000;
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", value = {
            "image/jpeg, image",
            "IMAGE/PNG, image",
            "video/mp4, video",
            "'audio/ogg; codecs=opus', audio",
            "application/pdf, document",
            "text/plain, document",
            "garbage, document",
            "NULL, document"})
    void messageTypeOfAMimeType(String contentType, String type) {
        assertThat(MediaRules.messageType(contentType).wireName()).isEqualTo(type);
    }

    static Stream<Arguments> maxSizes() {
        return Stream.of(
                arguments(Channel.WHATSAPP, "image/jpeg", 5 * MB),
                arguments(Channel.WHATSAPP, "image/png", 5 * MB),
                arguments(Channel.WHATSAPP, "image/webp", 500 * KB),
                arguments(Channel.WHATSAPP, "image/gif", 0L),
                arguments(Channel.WHATSAPP, "video/mp4", 16 * MB),
                arguments(Channel.WHATSAPP, "video/3gpp", 16 * MB),
                arguments(Channel.WHATSAPP, "audio/ogg; codecs=opus", 16 * MB),
                arguments(Channel.WHATSAPP, "audio/mpeg", 16 * MB),
                arguments(Channel.WHATSAPP, "application/pdf", 100 * MB),
                arguments(Channel.WHATSAPP, DOCX, 100 * MB),
                arguments(Channel.WHATSAPP, "application/zip", 0L),
                arguments(Channel.INSTAGRAM, "image/png", 8 * MB),
                arguments(Channel.INSTAGRAM, "image/gif", 8 * MB),
                arguments(Channel.INSTAGRAM, "video/quicktime", 25 * MB),
                arguments(Channel.INSTAGRAM, "audio/wav", 25 * MB),
                arguments(Channel.INSTAGRAM, "application/pdf", 25 * MB),
                arguments(Channel.INSTAGRAM, "audio/mpeg", 0L),
                arguments(Channel.INSTAGRAM, "application/msword", 0L),
                arguments(Channel.MESSENGER, "image/jpeg", 25 * MB),
                arguments(Channel.MESSENGER, "application/zip", 25 * MB),
                arguments(Channel.TELEGRAM, "image/png", 10 * MB),
                arguments(Channel.TELEGRAM, "video/mp4", 50 * MB),
                arguments(Channel.TELEGRAM, "application/zip", 50 * MB),
                arguments(Channel.EMAIL, "application/pdf", 25 * MB),
                arguments(Channel.EMAIL, "nonsense", 0L),
                arguments(Channel.SMS, "image/jpeg", 0L),
                arguments(Channel.WHATSAPP, null, 0L));
    }

    @ParameterizedTest(name = "{0} {1}: {2} bytes")
    @MethodSource("maxSizes")
    void maxSizePerChannelAndType(Channel channel, String contentType, long max) {
        assertThat(MediaRules.maxSize(channel, contentType)).isEqualTo(max);
    }

    @ParameterizedTest(name = "{0} {1} of {2} bytes -> {3}")
    @CsvSource(nullValues = "NULL", value = {
            "WHATSAPP, image/jpeg, 5000000, NULL",
            "WHATSAPP, image/jpeg, 5000001, media-too-large",
            "WHATSAPP, video/mp4, 16000001, media-too-large",
            "WHATSAPP, application/pdf, 100000000, NULL",
            "WHATSAPP, image/gif, 10, media-type-not-allowed",
            "WHATSAPP, NULL, 10, media-type-not-allowed",
            "INSTAGRAM, image/png, 8000001, media-too-large",
            "INSTAGRAM, application/zip, 10, media-type-not-allowed",
            "MESSENGER, video/mp4, 25000000, NULL",
            "MESSENGER, video/mp4, 25000001, media-too-large",
            "TELEGRAM, image/jpeg, 10000001, media-too-large",
            "TELEGRAM, application/pdf, 50000000, NULL",
            "EMAIL, application/pdf, 25000001, media-too-large",
            "SMS, image/jpeg, 10, sms-no-media"})
    void checkNamesTheBrokenRule(Channel channel, String contentType, long size, String rule) {
        assertThat(MediaRules.check(channel, contentType, size).map(ConstraintViolation::rule).orElse(null))
                .isEqualTo(rule);
    }

    @Test
    void messagesSayWhatAndHowMuch() {
        assertThat(MediaRules.check(Channel.WHATSAPP, "image/jpeg", 6_200_000).orElseThrow())
                .isEqualTo(new ConstraintViolation("media-too-large", "attachments",
                        "WhatsApp accepts image/jpeg up to 5 MB; this one is 6.2 MB"));
        assertThat(MediaRules.check(Channel.WHATSAPP, "image/gif", 10).orElseThrow().message())
                .isEqualTo("WhatsApp does not accept image/gif attachments");
    }
}
