package com.unifiedbeez.inbox.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ReplyWindowTest {
    private static final Instant LAST_INBOUND = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration SECOND = Duration.ofSeconds(1);

    static Stream<Arguments> windows() {
        return Stream.of(
                // channel, time since the customer's last message, open, requiresTemplate, window length
                arguments(Channel.WHATSAPP, Duration.ZERO, true, false, DAY),
                arguments(Channel.WHATSAPP, DAY.minus(SECOND), true, false, DAY),
                arguments(Channel.WHATSAPP, DAY, false, true, DAY),
                arguments(Channel.WHATSAPP, DAY.plus(SECOND), false, true, DAY),
                arguments(Channel.WHATSAPP, Duration.ofDays(30), false, true, DAY),
                arguments(Channel.INSTAGRAM, DAY.plus(SECOND), true, false, Duration.ofDays(7)),
                arguments(Channel.INSTAGRAM, Duration.ofDays(7).minus(SECOND), true, false, Duration.ofDays(7)),
                arguments(Channel.INSTAGRAM, Duration.ofDays(7), false, false, Duration.ofDays(7)),
                arguments(Channel.INSTAGRAM, Duration.ofDays(7).plus(SECOND), false, false, Duration.ofDays(7)),
                arguments(Channel.MESSENGER, Duration.ofDays(7).minus(SECOND), true, false, Duration.ofDays(7)),
                arguments(Channel.MESSENGER, Duration.ofDays(7).plus(SECOND), false, false, Duration.ofDays(7)));
    }

    @ParameterizedTest(name = "{0} {1} after the last inbound: open={2}, template={3}")
    @MethodSource("windows")
    void windowedChannelsCloseAtTheirBoundary(Channel channel, Duration since, boolean open,
                                              boolean requiresTemplate, Duration length) {
        assertThat(ReplyWindow.of(channel, LAST_INBOUND, LAST_INBOUND.plus(since)))
                .isEqualTo(new ReplyWindow(LAST_INBOUND.plus(length), requiresTemplate, open));
    }

    static Stream<Arguments> neverWrote() {
        return Stream.of(
                arguments(Channel.WHATSAPP, new ReplyWindow(null, true, false)),
                arguments(Channel.INSTAGRAM, new ReplyWindow(null, false, false)),
                arguments(Channel.MESSENGER, new ReplyWindow(null, false, false)),
                arguments(Channel.EMAIL, new ReplyWindow(null, false, true)),
                arguments(Channel.TELEGRAM, new ReplyWindow(null, false, true)),
                arguments(Channel.SMS, new ReplyWindow(null, false, true)));
    }

    @ParameterizedTest(name = "{0}: customer never wrote")
    @MethodSource("neverWrote")
    void aCustomerWhoNeverWrote(Channel channel, ReplyWindow expected) {
        assertThat(ReplyWindow.of(channel, null, LAST_INBOUND)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} has no window")
    @EnumSource(value = Channel.class, names = {"EMAIL", "TELEGRAM", "SMS"})
    void channelsWithoutAWindowAreAlwaysOpen(Channel channel) {
        assertThat(ReplyWindow.of(channel, LAST_INBOUND, LAST_INBOUND.plus(Duration.ofDays(365))))
                .isEqualTo(new ReplyWindow(null, false, true));
    }

    static Stream<Arguments> humanAgentTag() {
        return Stream.of(
                arguments(Channel.MESSENGER, DAY.minus(SECOND), false),
                arguments(Channel.MESSENGER, DAY, true),
                arguments(Channel.INSTAGRAM, Duration.ofDays(7).minus(SECOND), true),
                arguments(Channel.INSTAGRAM, Duration.ofDays(7), false),
                arguments(Channel.WHATSAPP, DAY.plus(SECOND), false),
                arguments(Channel.TELEGRAM, Duration.ofDays(3), false));
    }

    @ParameterizedTest(name = "{0} {1} after: HUMAN_AGENT tag={2}")
    @MethodSource("humanAgentTag")
    void humanAgentTagBetween24HoursAnd7Days(Channel channel, Duration since, boolean needed) {
        assertThat(ReplyWindow.needsHumanAgentTag(channel, LAST_INBOUND, LAST_INBOUND.plus(since))).isEqualTo(needed);
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void noHumanAgentTagWithoutAnInboundMessage(Channel channel) {
        assertThat(ReplyWindow.needsHumanAgentTag(channel, null, LAST_INBOUND)).isFalse();
    }
}
