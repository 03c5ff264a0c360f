package com.unifiedbeez.inbox.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventStreamTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private final EventStream stream = new EventStream(database);

    @Test
    void numbersCommittedEventsOneTwoThreeInTheOrderTheyWereWritten() {
        UUID org = fx.organization("Numbered");
        write(org, "a");
        write(org, "b");
        StreamPosition first = stream.sequence(org);
        write(org, "c");
        StreamPosition second = stream.sequence(org);

        assertThat(first.lastSeq()).isEqualTo(2);
        assertThat(second.lastSeq()).isEqualTo(3);
        assertThat(second.epoch()).isEqualTo(first.epoch());
        assertThat(stream.range(org, 0, 3, 10)).extracting(e -> e.payloadJson())
                .containsExactly("{\"n\":\"a\"}", "{\"n\":\"b\"}", "{\"n\":\"c\"}");
    }

    @Test
    void anUncommittedEventIsNotNumberedAndARolledBackOneLeavesNoGap() throws Exception {
        UUID org = fx.organization("Pending");
        write(org, "before");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<?> slow = pool.submit(() -> database.transaction(c -> {
            events.emit(c, org, null, "test:slow", Map.of("n", "slow"));
            written.countDown();
            await(release);
            throw new IllegalStateException("rolled back");
        }));
        written.await(5, TimeUnit.SECONDS);
        StreamPosition meanwhile = stream.sequence(org);
        release.countDown();
        assertThat(pool.submit(() -> {
            try {
                slow.get();
                return null;
            } catch (Exception e) {
                return e;
            }
        }).get()).isNotNull();
        write(org, "after");
        StreamPosition afterwards = stream.sequence(org);
        pool.shutdown();

        assertThat(meanwhile.lastSeq()).isEqualTo(1);
        assertThat(afterwards.lastSeq()).isEqualTo(2);
        assertThat(stream.range(org, 0, 10, 10)).extracting(SequencedEvent::seq).containsExactly(1L, 2L);
    }

    @Test
    void concurrentWritersAndSequencersGetEverySeqOnceWithoutGapsAndCausalOrderKept() throws Exception {
        UUID org = fx.organization("Busy");
        int writers = 6;
        int perWriter = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            work.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    // each writer's events are causally ordered: the next is written after the last committed
                    write(org, writer + ":" + i);
                }
                return null;
            }));
        }
        List<Future<?>> sequencers = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            sequencers.add(pool.submit(() -> {
                while (writing.get()) {
                    stream.sequence(org);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> f : sequencers) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        StreamPosition end = stream.sequence(org);

        List<SequencedEvent> all = stream.range(org, 0, Long.MAX_VALUE, 10_000);
        assertThat(end.lastSeq()).isEqualTo(writers * perWriter);
        assertThat(all).extracting(SequencedEvent::seq)
                .containsExactlyElementsOf(range(1, writers * perWriter));
        for (int w = 0; w < writers; w++) {
            String prefix = "{\"n\":\"" + w + ":";
            List<Integer> order = all.stream().map(SequencedEvent::payloadJson).filter(p -> p.startsWith(prefix))
                    .map(p -> Integer.parseInt(p.substring(prefix.length(), p.length() - 2))).toList();
            assertThat(order).containsExactlyElementsOf(range(0, perWriter - 1).stream().map(Long::intValue).toList());
        }
    }

    @Test
    void organizationsHaveTheirOwnStreams() {
        UUID one = fx.organization("One");
        UUID two = fx.organization("Two");
        write(one, "x");
        write(two, "y");
        write(one, "z");

        assertThat(stream.sequence(one).lastSeq()).isEqualTo(2);
        assertThat(stream.sequence(two).lastSeq()).isEqualTo(1);
        assertThat(stream.sequence(one).epoch()).isNotEqualTo(stream.sequence(two).epoch());
        assertThat(stream.range(two, 0, 10, 10)).extracting(SequencedEvent::payloadJson).containsExactly("{\"n\":\"y\"}");
    }

    @Test
    void thePushLeaseIsHeldByOnePassAndKeptWhileEventsArriveBeforeItLetsGo() {
        UUID org = fx.organization("Leased");
        write(org, "a");
        var claim = stream.claimPush(org, Duration.ofSeconds(30)).orElseThrow();
        write(org, "b");
        // a second pass numbers b but finds the lease taken
        assertThat(stream.claimPush(org, Duration.ofSeconds(30))).isEmpty();

        StreamPosition afterFirst = stream.recordPushed(org, claim.through(), Duration.ofSeconds(30));
        assertThat(afterFirst.pushedSeq()).isEqualTo(1);
        assertThat(afterFirst.behind()).isTrue(); // b was numbered meanwhile: this pass keeps the lease
        assertThat(stream.claimPush(org, Duration.ofSeconds(30))).isEmpty();

        StreamPosition done = stream.recordPushed(org, afterFirst.lastSeq(), Duration.ofSeconds(30));
        assertThat(done.behind()).isFalse();
        assertThat(stream.claimPush(org, Duration.ofSeconds(30))).isPresent(); // let go
    }

    @Test
    void aDeadPassesLeaseLapsesAndTheSweeperFindsItsStream() throws Exception {
        UUID org = fx.organization("Dead pass");
        write(org, "a");
        stream.claimPush(org, Duration.ofSeconds(2)).orElseThrow(); // and then the pass dies
        assertThat(stream.stalled(Duration.ofMinutes(5), 1000)).doesNotContain(org);
        Thread.sleep(2_200);

        assertThat(stream.stalled(Duration.ofMinutes(5), 1000)).contains(org);
        assertThat(stream.claimPush(org, Duration.ofSeconds(30)).orElseThrow().fromExclusive()).isZero();
    }

    @Test
    void unnumberedEventsWhoseNudgeWasLostAreFoundOnceSettled() throws Exception {
        UUID org = fx.organization("Lost nudge");
        write(org, "a");
        assertThat(stream.stalled(Duration.ofMinutes(1), 1000)).doesNotContain(org);
        Thread.sleep(30);
        assertThat(stream.stalled(Duration.ofMillis(10), 1000)).contains(org);
    }

    @Test
    void retentionDeletesOnlyPushedEventsAndRemembersWhereTheLogNowStarts() {
        UUID org = fx.organization("Retained");
        write(org, "a");
        write(org, "b");
        write(org, "c");
        var claim = stream.claimPush(org, Duration.ofSeconds(30)).orElseThrow();
        stream.recordPushed(org, 2, Duration.ofSeconds(30));

        int deleted = stream.trim(Instant.now().plusSeconds(1), 1000);

        assertThat(claim.through()).isEqualTo(3);
        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(stream.position(org).orElseThrow().trimmedSeq()).isEqualTo(2);
        assertThat(stream.range(org, 0, 10, 10)).extracting(SequencedEvent::seq).containsExactly(3L);
    }

    @Test
    void restartingTheLogChangesTheEpochAndStartsAgainAtOne() {
        UUID org = fx.organization("Restarted");
        write(org, "a");
        StreamPosition before = stream.sequence(org);
        StreamPosition after = stream.restart(org);
        write(org, "b");

        assertThat(after.epoch()).isNotEqualTo(before.epoch());
        assertThat(stream.sequence(org).lastSeq()).isEqualTo(1);
    }

    private void write(UUID org, String n) {
        database.transaction(c -> {
            events.emit(c, org, null, "test:event", Map.of("n", n));
            return null;
        });
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            values.add(i);
        }
        return values;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
