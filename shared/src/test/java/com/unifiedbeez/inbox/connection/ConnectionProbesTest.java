package com.unifiedbeez.inbox.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Picking a channel's probe, and what happens when there is none or it misbehaves. */
class ConnectionProbesTest {
    private static final ChannelConnection BOT = new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), Channel.TELEGRAM,
            "123", "bot", "active", null, null);

    private record Probe(Channel channel, HealthReport answer) implements ConnectionProbe {
        @Override
        public HealthReport check(ChannelConnection connection) {
            if (answer == null) {
                throw new IllegalStateException("GET https://api.telegram.org/bot123:SECRET/getMe failed");
            }
            return answer;
        }

        @Override
        public void onDisconnect(ChannelConnection connection) {
            check(connection);
        }
    }

    @Test
    void eachConnectionGoesToItsChannelsProbe() {
        HealthReport telegram = HealthReport.of(List.of(new HealthReport.Check("getMe", true, "ok")));
        HealthReport sms = HealthReport.of(List.of(new HealthReport.Check("account", false, "suspended")));
        ConnectionProbes probes = new ConnectionProbes(Set.of(new Probe(Channel.TELEGRAM, telegram), new Probe(Channel.SMS, sms)));
        assertThat(probes.check(BOT)).isSameAs(telegram);
        assertThat(probes.onConnect(BOT)).as("onConnect defaults to check").isSameAs(telegram);
    }

    @Test
    void aChannelWithoutAProbeIsUnavailableNotAnInternalError() {
        assertThatThrownBy(() -> new ConnectionProbes(Set.of()).onConnect(BOT)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aProbeThatThrowsIsAFailedCheckWhoseDetailCarriesNoUrl() {
        HealthReport report = new ConnectionProbes(Set.of(new Probe(Channel.TELEGRAM, null))).check(BOT);
        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).doesNotContain("SECRET").startsWith("probe:");
    }

    @Test
    void aReleaseThatThrowsOrHasNoProbeDoesNotStopADisconnect() {
        assertThatThrownBy(() -> new Probe(Channel.TELEGRAM, null).onDisconnect(BOT)).isInstanceOf(IllegalStateException.class);
        new ConnectionProbes(Set.of(new Probe(Channel.TELEGRAM, null))).onDisconnect(BOT);
        new ConnectionProbes(Set.of()).onDisconnect(BOT);
    }

    @Test
    void twoProbesForOneChannelAreAWiringMistake() {
        HealthReport ok = HealthReport.of(List.of());
        assertThatThrownBy(() -> new ConnectionProbes(Set.of(new Probe(Channel.SMS, ok), new Probe(Channel.SMS, null))))
                .isInstanceOf(IllegalStateException.class);
    }
}
