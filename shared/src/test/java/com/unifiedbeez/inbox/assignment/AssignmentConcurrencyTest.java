package com.unifiedbeez.inbox.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.assignment.AutoAssigner.Ask;
import com.unifiedbeez.inbox.platform.auth.Caller;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Decisions under concurrency: the organization's assignment lock keeps capacity exact and the
 * rotation fair however many arrivals come at once.
 */
class AssignmentConcurrencyTest {

    @Test
    void fiftyArrivalsAtOnceForThreeAgentsOfCapacityFiveFillEachToFiveQueueTheRestAndDrainInOrder() throws Exception {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings("load_balanced", 5));
        Caller ana = rig.agent("Ana", "online");
        rig.agent("Ben", "online");
        rig.agent("Cy", "online");
        List<UUID> arriving = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            arriving.add(rig.conversation("normal"));
        }

        all(arriving, 16, id -> {
            ArrivalRouting.Pending p = rig.database.transaction(c -> rig.wiring.arrivals().arrived(c, rig.org, id, false))
                    .orElseThrow();
            rig.wiring.router().routeQuietly(rig.org, id, p.trigger());
        });

        assertThat(rig.loads().values()).containsExactly(5L, 5L, 5L);
        assertThat(rig.queueLength()).isEqualTo(35);
        UUID oldest = UUID.fromString(rig.fx.one("""
                SELECT r.conversation_id::text FROM conversation_routing r
                 WHERE r.organization_id = ? AND r.queued_at IS NOT NULL ORDER BY r.queued_at, r.conversation_id LIMIT 1""",
                rig.org));
        UUID anas = UUID.fromString(rig.fx.one(
                "SELECT id::text FROM conversations WHERE assignee_user_id = ? LIMIT 1", ana.userId()));

        rig.resolve(anas);
        rig.wiring.availability().freed(rig.org, ana.userId());

        assertThat(rig.assignee(oldest)).as("the longest-waiting conversation goes first").isEqualTo(ana.userId());
        assertThat(rig.queueLength()).isEqualTo(34);
        assertThat(rig.loads().values()).containsExactly(5L, 5L, 5L);
    }

    @Test
    void roundRobinOverAThousandConcurrentAssignmentsKeepsEveryAgentWithinOneOfTheOthers() throws Exception {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings("round_robin", 1000));
        for (String name : List.of("Ana", "Ben", "Cy", "Dee")) {
            rig.agent(name, "online");
        }
        List<String> ids = rig.fx.list("""
                WITH c AS (
                    INSERT INTO contacts (id, organization_id, name)
                    SELECT gen_random_uuid(), ?, 'Customer ' || n FROM generate_series(1, 1000) n RETURNING id)
                INSERT INTO conversations (id, organization_id, contact_id, channel, assignee_team_id)
                SELECT gen_random_uuid(), ?, c.id, 'sms', ? FROM c RETURNING id::text""", rig.org, rig.org, rig.team);
        List<UUID> conversations = ids.stream().map(UUID::fromString).toList();
        rig.database.transaction(c -> {
            for (UUID id : conversations) {
                new RoutingStore(rig.events).enqueue(c, rig.org, id, null, rig.clock.instant());
            }
            return null;
        });

        all(conversations, 8, id -> rig.wiring.router().route(rig.org, id, Ask.system(Trigger.ARRIVAL)));

        Map<UUID, Long> loads = rig.loads();
        assertThat(loads).hasSize(4);
        assertThat(loads.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(loads.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - loads.values().stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(1);
    }

    interface Work {
        void run(UUID id) throws Exception;
    }

    /** Runs {@code work} for every id on {@code threads} threads released at the same instant. */
    static void all(Collection<UUID> ids, int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (UUID id : ids) {
            done.add(pool.submit(() -> {
                start.await();
                work.run(id);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }
}
