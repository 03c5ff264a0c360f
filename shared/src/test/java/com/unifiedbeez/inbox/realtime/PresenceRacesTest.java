package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Two transitions of one user at once announce once, and the later one decides on what the
 * earlier wrote. {@link Interleave} runs the other caller's whole operation (through its own
 * client) between this caller's read and its write, so each race happens, every run.
 */
class PresenceRacesTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.250Z");

    RealtimeRig rig;
    final UUID org = UUID.randomUUID();
    final UUID user = UUID.randomUUID();

    @BeforeEach
    void table() {
        rig = RealtimeRig.fresh();
    }

    @Test
    void twoTabsConnectingAtOnceAnnounceOnlineOnce() {
        rig.connections.register("a=", org, user, T0);
        rig.connections.register("b=", org, user, T0);
        AtomicReference<Optional<PresenceChange>> other = new AtomicReference<>();
        Interleave race = new Interleave(PresenceRacesTest::presenceWrite,
                () -> other.set(rig.presence.connected(org, user, T0)));

        Optional<PresenceChange> mine = rig.through(race).presence.connected(org, user, T0);

        assertThat(race.happened()).isTrue();
        assertThat(other.get()).contains(new PresenceChange(org, user, PresenceStatus.ONLINE));
        assertThat(mine).isEmpty();
        assertThat(rig.presence.of(org, List.of(user), T0)).containsExactly(entry(user, PresenceStatus.ONLINE));
    }

    @Test
    void twoTabsClosingAtOnceAnnounceAwayOnce() {
        connectTwoTabs();
        rig.connections.remove("a=");
        rig.connections.remove("b=");
        AtomicReference<Optional<PresenceChange>> other = new AtomicReference<>();
        Interleave race = new Interleave(PresenceRacesTest::presenceWrite,
                () -> other.set(rig.presence.disconnected(org, user, T0)));

        Optional<PresenceChange> mine = rig.through(race).presence.disconnected(org, user, T0);

        assertThat(race.happened()).isTrue();
        assertThat(other.get()).contains(new PresenceChange(org, user, PresenceStatus.AWAY));
        assertThat(mine).isEmpty();
        assertThat(rig.presence.of(org, List.of(user), T0)).containsExactly(entry(user, PresenceStatus.AWAY));
    }

    @Test
    void aTabOpeningWhileTheLastClosesKeepsTheUserOnline() {
        rig.connections.register("a=", org, user, T0);
        rig.presence.connected(org, user, T0);
        rig.connections.remove("a=");
        // between the disconnect's look at the connections (none) and its write, a new tab connects
        AtomicReference<Optional<PresenceChange>> other = new AtomicReference<>();
        Interleave race = new Interleave(PresenceRacesTest::presenceWrite, () -> {
            rig.connections.register("b=", org, user, T0);
            other.set(rig.presence.connected(org, user, T0));
        });

        Optional<PresenceChange> mine = rig.through(race).presence.disconnected(org, user, T0);

        assertThat(race.happened()).isTrue();
        assertThat(other.get()).as("online already").isEmpty();
        assertThat(mine).as("decided again: tab b is live").isEmpty();
        assertThat(rig.presence.of(org, List.of(user), T0)).containsExactly(entry(user, PresenceStatus.ONLINE));
    }

    @Test
    void twoSweepsAtOnceAnnounceALapseOnce() {
        rig.connections.register("a=", org, user, T0);
        rig.presence.connected(org, user, T0);
        Instant later = T0.plusSeconds(61);
        AtomicReference<List<PresenceChange>> other = new AtomicReference<>();
        Interleave race = new Interleave(PresenceRacesTest::presenceUpdate,
                () -> other.set(rig.presence.sweepLapsed(later, 10)));

        List<PresenceChange> mine = rig.through(race).presence.sweepLapsed(later, 10);

        assertThat(race.happened()).isTrue();
        assertThat(other.get()).containsExactly(new PresenceChange(org, user, PresenceStatus.AWAY));
        assertThat(mine).isEmpty();
    }

    @Test
    void aPingBetweenTheSweepsReadAndWriteWins() {
        rig.connections.register("a=", org, user, T0);
        rig.presence.connected(org, user, T0);
        Instant later = T0.plusSeconds(61);
        Interleave race = new Interleave(PresenceRacesTest::presenceUpdate,
                () -> assertThat(rig.presence.heartbeat(org, user, later)).isEmpty());

        assertThat(rig.through(race).presence.sweepLapsed(later, 10)).isEmpty();

        assertThat(race.happened()).isTrue();
        assertThat(rig.presence.of(org, List.of(user), later)).containsExactly(entry(user, PresenceStatus.ONLINE));
        assertThat(rig.presence.sweepLapsed(later.plusSeconds(61), 10))
                .containsExactly(new PresenceChange(org, user, PresenceStatus.AWAY));
    }

    @Test
    void tabsClosingOnThreadsAnnounceAwayOncePerUser() throws Exception {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID someone = UUID.randomUUID();
            users.add(someone);
            for (String tab : List.of("a", "b")) {
                rig.connections.register(someone + tab, org, someone, T0);
                rig.presence.connected(org, someone, T0);
                rig.connections.remove(someone + tab);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Optional<PresenceChange>>> closes = new ArrayList<>();
            for (UUID someone : users) {
                for (int tab = 0; tab < 2; tab++) {
                    closes.add(CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return rig.presence.disconnected(org, someone, T0);
                    }, threads));
                }
            }
            start.countDown();
            List<PresenceChange> announced = new ArrayList<>();
            for (CompletableFuture<Optional<PresenceChange>> close : closes) {
                close.get(30, TimeUnit.SECONDS).ifPresent(announced::add);
            }
            assertThat(announced).extracting(PresenceChange::userId).containsExactlyInAnyOrderElementsOf(users);
            assertThat(announced).extracting(PresenceChange::status).containsOnly(PresenceStatus.AWAY);
        } finally {
            threads.shutdownNow();
        }
    }

    private void connectTwoTabs() {
        rig.connections.register("a=", org, user, T0);
        rig.presence.connected(org, user, T0);
        rig.connections.register("b=", org, user, T0);
        rig.presence.connected(org, user, T0);
    }

    private static boolean presenceWrite(SdkRequest request) {
        return request instanceof PutItemRequest put
                && put.item().get(RealtimeKeys.SK).s().startsWith("PRESENCE#");
    }

    private static boolean presenceUpdate(SdkRequest request) {
        return request instanceof UpdateItemRequest update
                && update.key().get(RealtimeKeys.SK).s().startsWith("PRESENCE#");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
