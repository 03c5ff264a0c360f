package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.ConnectionsStandIn;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.RealtimeContract;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fan-out pass on real parts (PostgreSQL, dynalite, a stand-in of {@code @connections}): exactly
 * the connections that may see an event get it, each in seq order; a gone one is deleted.
 */
class EventFanoutTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private ConnectionsStandIn standIn;
    private ConnectionRegistry registry;
    private EventFanout fanout;

    private final UUID org = fx.organization("Fan-out " + UUID.randomUUID());
    private final Caller sam = fx.user(org, "Sam", Role.AGENT);
    private final Caller kim = fx.user(org, "Kim", Role.AGENT);
    private final UUID other = fx.organization("Elsewhere " + UUID.randomUUID());
    private final Caller gus = fx.user(other, "Gus", Role.ADMIN);

    @BeforeEach
    void wire() throws IOException {
        standIn = new ConnectionsStandIn();
        RealtimeRig rig = RealtimeRig.fresh();
        registry = rig.connections;
        Config config = Config.of(Map.of());
        ConnectionPusher pusher = new ConnectionPusher(AwsClients.managementApi(config, standIn.endpoint(), true), config);
        LiveSignals signals = new LiveSignals(registry, rig.viewers, pusher, new UserStatusStore(database),
                AssignmentWiring.of(database, TestEvents.written(database)).availability());
        fanout = new EventFanout(new EventStream(database), registry, pusher,
                new ConnectionCleanup(registry, rig.viewers, rig.presence, signals));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private String connection(Caller who, boolean open) {
        String id = "c" + UUID.randomUUID().toString().substring(0, 12) + "=";
        registry.register(id, who.organizationId(), who.userId(), Instant.now().minusSeconds(120));
        if (open) {
            standIn.open(id);
        }
        return id;
    }

    private void write(UUID organization, String status, List<UUID> audience) {
        database.transaction(c -> {
            Map<String, Object> payload = Map.of("messageId", UUID.randomUUID(), "status", status);
            if (audience == null) {
                events.emit(c, organization, null, DomainEvents.MESSAGE_STATUS, payload);
            } else {
                events.emitTo(c, organization, null, DomainEvents.MESSAGE_STATUS, payload, audience);
            }
            return null;
        });
    }

    @Test
    void everyOpenTabOfTheOrganizationGetsEachEventInSeqOrderAndNoOneElse() {
        String samTab1 = connection(sam, true);
        String samTab2 = connection(sam, true);
        String kimTab = connection(kim, true);
        String gusTab = connection(gus, true);
        write(org, "sent", null);
        write(org, "delivered", null);
        write(org, "read", List.of(kim.userId())); // for Kim only

        EventFanout.Report report = fanout.deliver(org);

        assertThat(report.leased()).isTrue();
        assertThat(report.events()).isEqualTo(3);
        for (String tab : List.of(samTab1, samTab2)) {
            assertThat(standIn.receivedBy(tab)).hasSize(2).allSatisfy(f -> RealtimeContract.get().checkEvent(f));
            assertThat(standIn.receivedBy(tab).get(0)).contains("\"seq\":1,").contains("sent");
            assertThat(standIn.receivedBy(tab).get(1)).contains("\"seq\":2,").contains("delivered");
        }
        assertThat(standIn.receivedBy(kimTab)).hasSize(3);
        assertThat(standIn.receivedBy(kimTab).get(2)).contains("\"seq\":3,").contains("read");
        assertThat(standIn.receivedBy(gusTab)).isEmpty();
        assertThat(new EventStream(database).position(org).orElseThrow().pushedSeq()).isEqualTo(3);
    }

    @Test
    void aSecondPassPushesOnlyWhatCameAfterTheFirst() {
        String tab = connection(sam, true);
        write(org, "sent", null);
        fanout.deliver(org);
        write(org, "delivered", null);

        EventFanout.Report second = fanout.deliver(org);

        assertThat(second.events()).isEqualTo(1);
        assertThat(standIn.receivedBy(tab)).hasSize(2);
        assertThat(standIn.receivedBy(tab).get(1)).contains("\"seq\":2,");
    }

    @Test
    void aConnectionThatAnswers410IsDeletedAtOnceAndTheOthersStillGetTheEvent() {
        String gone = connection(sam, false);
        String live = connection(kim, true);
        write(org, "sent", null);

        EventFanout.Report report = fanout.deliver(org);

        assertThat(report.gone()).containsExactly(gone);
        assertThat(registry.find(gone, Instant.now())).isEmpty();
        assertThat(registry.find(live, Instant.now())).isPresent();
        assertThat(standIn.receivedBy(live)).hasSize(1);
    }

    @Test
    void throttledPostsAreRetriedAndTheEventStillArrives() {
        String tab = connection(sam, true);
        standIn.throttle(tab, 2);
        write(org, "sent", null);

        fanout.deliver(org);

        assertThat(standIn.receivedBy(tab)).hasSize(1);
    }

    @Test
    void withNoConnectionTheEventsAreNumberedAndRecordedAsPushed() {
        write(org, "sent", null);
        write(org, "read", null);

        EventFanout.Report report = fanout.deliver(org);

        assertThat(report.events()).isEqualTo(2);
        assertThat(report.delivered()).isZero();
        assertThat(new EventStream(database).position(org).orElseThrow().pushedSeq()).isEqualTo(2);
    }
}
