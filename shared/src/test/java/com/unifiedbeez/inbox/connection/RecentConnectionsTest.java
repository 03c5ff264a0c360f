package com.unifiedbeez.inbox.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The webhook functions' brief memory of connections, on the real schema with a clock the test moves. */
class RecentConnectionsTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final ConnectionStore store = new ConnectionStore(new Database(TestDatabase.dataSource()),
            new CredentialCipher(TestDatabase.config()));
    private final MovableClock clock = new MovableClock();
    private final RecentConnections recent = new RecentConnections(store, clock);
    private final UUID org = fx.organization("Acme");
    private final String number = "+1555" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 10_000_000L);

    @Test
    void aFoundConnectionIsKeptForTheTtlThenReadAgain() {
        UUID id = fx.channelConnection(org, Channel.SMS, number, "{\"accountSid\":\"AC1\"}", Map.of("authToken", "old"));
        assertThat(recent.findLive(Channel.SMS, number).orElseThrow().secrets().require("authToken")).isEqualTo("old");

        fx.exec("UPDATE channel_connections SET status = 'disconnected' WHERE id = ?", id);
        clock.advance(RecentConnections.TTL.minusSeconds(1));
        assertThat(recent.findLive(Channel.SMS, number)).as("within the TTL: remembered").isPresent();
        assertThat(recent.find(id)).isPresent();

        clock.advance(Duration.ofSeconds(2));
        assertThat(recent.findLive(Channel.SMS, number)).as("after the TTL: the disconnect is seen").isEmpty();
    }

    @Test
    void anUnknownAccountIsNotRememberedSoANewConnectionIsFoundAtOnce() {
        assertThat(recent.findLive(Channel.SMS, number)).isEmpty();
        fx.channelConnection(org, Channel.SMS, number, "{}", Map.of("authToken", "t"));
        assertThat(recent.findLive(Channel.SMS, number)).isPresent();
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
