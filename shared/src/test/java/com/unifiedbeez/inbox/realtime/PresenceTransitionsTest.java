package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What one user's tabs and choices announce. Each step is what a WebSocket function does for it
 * ({@code connect a}: register tab a, then connected; {@code close a}: remove, leave its viewers,
 * then disconnected; {@code ping a}: touch, then heartbeat; {@code sweep}: the schedule's sweep),
 * then {@code : status} for the one {@code presence:update} it must announce or {@code : -} for
 * none. {@code wait N} moves the clock N seconds; {@code is S} reads the user's status.
 */
class PresenceTransitionsTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.250Z");

    RealtimeRig rig;
    final UUID org = UUID.randomUUID();
    final UUID user = UUID.randomUUID();

    @BeforeEach
    void table() {
        rig = RealtimeRig.fresh();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            two tabs connecting announce online once          | connect a: online; connect b: -; is online
            closing one of two tabs keeps the user online     | connect a: online; connect b: -; close a: -; is online
            the last tab closing turns the user away          | connect a: online; connect b: -; close a: -; close b: away; is away
            a chosen busy sticks across connect and close     | choose busy: busy; connect a: -; is busy; close a: -; connect b: -; choose busy: -; is busy
            choosing online returns to automatic              | connect a: online; choose busy: busy; choose online: online; close a: away; choose busy: busy; choose online: away
            a chosen offline hides a connected user           | connect a: online; choose offline: offline; ping a: -; is offline; close a: -; connect b: -; choose online: online
            nobody ever connected is offline                  | is offline; choose online: -; is offline; choose away: away; choose online: offline
            a lapsed heartbeat is swept away once             | connect a: online; wait 61; sweep: away; sweep: -; is away; ping a: online; is online
            a ping in time keeps the user online              | connect a: online; wait 50; ping a: -; wait 50; sweep: -; is online; wait 11; sweep: away
            a lapsed busy user turns away silently            | connect a: online; choose busy: busy; wait 61; sweep: -; choose online: away
            an expired connection keeps nobody online         | connect a: online; wait 7261; connect b: -; close b: away
            """)
    void transitions(String name, String steps) {
        Instant now = T0;
        for (String step : steps.split(";")) {
            String[] parts = step.trim().split(":");
            String[] words = parts[0].trim().split(" ");
            Optional<PresenceChange> announced;
            switch (words[0]) {
                case "wait" -> {
                    now = now.plusSeconds(Long.parseLong(words[1]));
                    continue;
                }
                case "is" -> {
                    assertThat(rig.presence.of(org, List.of(user), now)).as(step)
                            .containsExactly(entry(user, PresenceStatus.parse(words[1]).orElseThrow()));
                    continue;
                }
                case "connect" -> {
                    rig.connections.register(words[1], org, user, now);
                    announced = rig.presence.connected(org, user, now);
                }
                case "close" -> {
                    rig.viewers.leaveAll(rig.connections.remove(words[1]).orElseThrow(), now);
                    announced = rig.presence.disconnected(org, user, now);
                }
                case "ping" -> {
                    assertThat(rig.connections.touch(words[1], now)).as(step).isPresent();
                    announced = rig.presence.heartbeat(org, user, now);
                }
                case "choose" -> announced = rig.presence.choose(org, user,
                        PresenceStatus.parse(words[1]).orElseThrow(), now);
                case "sweep" -> {
                    List<PresenceChange> swept = rig.presence.sweepLapsed(now, 10);
                    assertThat(swept).as(step).hasSizeLessThanOrEqualTo(1);
                    announced = swept.stream().findFirst();
                }
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
            String expected = parts[1].trim();
            assertThat(announced).as(step).isEqualTo(expected.equals("-") ? Optional.empty()
                    : Optional.of(new PresenceChange(org, user, PresenceStatus.parse(expected).orElseThrow())));
        }
    }

    @Test
    void statusesOfManyUsersDefaultToOffline() {
        UUID away = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        UUID expired = UUID.randomUUID();
        rig.connections.register("u=", org, user, T0);
        rig.presence.connected(org, user, T0);
        rig.connections.register("a=", org, away, T0);
        rig.presence.connected(org, away, T0);
        rig.connections.remove("a=");
        rig.presence.disconnected(org, away, T0);
        rig.presence.choose(org, busy, PresenceStatus.BUSY, T0);
        rig.presence.choose(org, expired, PresenceStatus.BUSY, T0.minus(RealtimeKeys.PRESENCE_LIFETIME));

        List<UUID> asked = new java.util.ArrayList<>(List.of(user, away, busy, expired, user));
        for (int i = 0; i < 150; i++) {
            asked.add(UUID.randomUUID()); // more than one BatchGetItem
        }
        var statuses = rig.presence.of(org, asked, T0.plusSeconds(1));
        assertThat(statuses).hasSize(154)
                .contains(entry(user, PresenceStatus.ONLINE), entry(away, PresenceStatus.AWAY),
                        entry(busy, PresenceStatus.BUSY), entry(expired, PresenceStatus.OFFLINE));
        assertThat(statuses.values().stream().filter(s -> s == PresenceStatus.OFFLINE)).hasSize(151);
    }

    @Test
    void theSweepTakesAtMostItsLimitAndTheRestNextTime() {
        for (int i = 0; i < 7; i++) {
            UUID someone = UUID.randomUUID();
            rig.connections.register("c" + i + "=", org, someone, T0);
            rig.presence.connected(org, someone, T0.plusMillis(i));
        }
        Instant later = T0.plusSeconds(61);
        assertThat(rig.presence.sweepLapsed(later, 5)).hasSize(5)
                .allSatisfy(c -> assertThat(c.status()).isEqualTo(PresenceStatus.AWAY));
        assertThat(rig.presence.sweepLapsed(later, 5)).hasSize(2);
        assertThat(rig.presence.sweepLapsed(later, 5)).isEmpty();
    }

    @Test
    void wireNamesAreLowercase() {
        assertThat(PresenceStatus.values()).extracting(PresenceStatus::wireName)
                .containsExactly("online", "away", "busy", "offline");
        assertThat(PresenceStatus.parse("busy")).contains(PresenceStatus.BUSY);
        assertThat(PresenceStatus.parse("BUSY")).isEmpty();
    }
}
