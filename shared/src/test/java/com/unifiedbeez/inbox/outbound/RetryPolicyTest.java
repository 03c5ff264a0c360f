package com.unifiedbeez.inbox.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(Config.of(Map.of()));

    @Test
    void backoffTriplesFromTenSecondsUpToFifteenMinutes() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(n -> policy.delay(n, null).toSeconds()))
                .containsExactly(10L, 30L, 90L, 270L, 810L, 900L, 900L);
        assertThat(policy.delay(1_000_000, null)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void thePlatformsRetryAfterWinsWithinWhatSqsVisibilityAllows() {
        assertThat(policy.delay(1, Duration.ofSeconds(42))).isEqualTo(Duration.ofSeconds(42));
        assertThat(policy.delay(4, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(1, Duration.ofDays(2))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theLastAttemptIsTheDeadLetterQueuesReceiveCount() {
        assertThat(policy.isLast(4)).isFalse();
        assertThat(policy.isLast(5)).isTrue();
        RetryPolicy three = new RetryPolicy(Config.of(Map.of(RetryPolicy.MAX_ATTEMPTS, "3")));
        assertThat(three.isLast(2)).isFalse();
        assertThat(three.isLast(3)).isTrue();
    }
}
