package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectionRegistryTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.250Z");
    /** T0 + 2 h + 1 min, rounded up to the second: the connection's TTL. */
    static final Instant EXPIRY = Instant.parse("2026-12-01T12:01:01Z");

    RealtimeRig rig;
    final UUID org = UUID.randomUUID();
    final UUID user = UUID.randomUUID();

    @BeforeEach
    void table() {
        rig = RealtimeRig.fresh();
    }

    @Test
    void aRegisteredConnectionIsFoundUntilRemoved() {
        LiveConnection registered = rig.connections.register("L0SM9cOFvHcCIhw=", org, user, T0);

        assertThat(registered).isEqualTo(new LiveConnection("L0SM9cOFvHcCIhw=", org, user, T0, T0, EXPIRY, Set.of()));
        assertThat(rig.connections.find("L0SM9cOFvHcCIhw=", T0.plusSeconds(30))).contains(registered);
        assertThat(rig.connections.find("another=", T0)).isEmpty();

        assertThat(rig.connections.remove("L0SM9cOFvHcCIhw=")).contains(registered);
        assertThat(rig.connections.find("L0SM9cOFvHcCIhw=", T0)).isEmpty();
        assertThat(rig.connections.remove("L0SM9cOFvHcCIhw=")).as("a second $disconnect").isEmpty();
        assertThat(rig.stored("CONN#L0SM9cOFvHcCIhw=", "CONN")).isEmpty();
    }

    @Test
    void touchRecordsTheHeartbeatAndKeepsTheConnectionsViewersAlive() {
        rig.connections.register("pinging=", org, user, T0);
        UUID other = UUID.randomUUID();
        rig.connections.register("silent=", org, other, T0);
        UUID conversation = UUID.randomUUID();
        rig.viewers.view(org, conversation, user, "pinging=", T0);
        rig.viewers.view(org, conversation, other, "silent=", T0);

        Instant ping = T0.plusSeconds(50);
        assertThat(rig.connections.touch("pinging=", ping)).hasValueSatisfying(c -> {
            assertThat(c.lastSeenAt()).isEqualTo(ping);
            assertThat(c.viewing()).containsExactly(conversation);
        });

        // 90 s after T0: the silent connection's viewer lapsed (60 s), the pinging one's lives until ping + 60 s
        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(90))).containsExactly(new Viewer(user, false));
        assertThat(rig.viewers.of(org, conversation, ping.plusSeconds(61))).isEmpty();
    }

    @Test
    void touchingAGoneOrExpiredConnectionChangesNothing() {
        assertThat(rig.connections.touch("never=", T0)).isEmpty();
        assertThat(rig.stored("CONN#never=", "CONN")).as("no stray item").isEmpty();

        rig.connections.register("old=", org, user, T0);
        assertThat(rig.connections.touch("old=", EXPIRY)).isEmpty();
        assertThat(RealtimeTable.number(rig.stored("CONN#old=", "CONN"), "lastSeenAt")).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void anExpiredConnectionIsInvisibleThoughStillStored() {
        rig.connections.register("gone=", org, user, T0);
        Instant lastMoment = EXPIRY.minusMillis(1);

        assertThat(rig.connections.find("gone=", lastMoment)).isPresent();
        assertThat(rig.connections.ofOrganization(org, lastMoment)).hasSize(1);
        assertThat(rig.connections.ofUser(org, user, lastMoment)).hasSize(1);

        assertThat(rig.connections.find("gone=", EXPIRY)).isEmpty();
        assertThat(rig.connections.ofOrganization(org, EXPIRY)).isEmpty();
        assertThat(rig.connections.ofUser(org, user, EXPIRY)).isEmpty();
        assertThat(rig.stored("CONN#gone=", "CONN")).as("TTL deletion is lazy; dynalite never deletes")
                .containsKey("expiresAt");
        // what removal returns still names its owner, so the caller settles presence
        assertThat(rig.connections.remove("gone=")).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo(user));
    }

    @Test
    void anOrganizationsAndAUsersConnectionsAreReadThroughEveryPage() {
        UUID second = UUID.randomUUID();
        UUID otherOrg = UUID.randomUUID();
        List<String> firstUsers = register(org, user, 11, T0);
        List<String> secondUsers = register(org, second, 6, T0);
        register(otherOrg, user, 5, T0);
        // expired ones between live ones: pages hold fewer matches than items
        register(org, user, 5, T0.minusSeconds(3 * 3600));

        List<String> all = new ArrayList<>(firstUsers);
        all.addAll(secondUsers);
        assertThat(firstUsers.size() + secondUsers.size()).isGreaterThan(3 * RealtimeRig.PAGE_SIZE);
        assertThat(rig.connections.ofOrganization(org, T0)).extracting(LiveConnection::connectionId)
                .containsExactlyInAnyOrderElementsOf(all);
        assertThat(rig.connections.ofUser(org, user, T0)).extracting(LiveConnection::connectionId)
                .containsExactlyInAnyOrderElementsOf(firstUsers);
        assertThat(rig.connections.ofUser(org, second, T0)).extracting(LiveConnection::connectionId)
                .containsExactlyInAnyOrderElementsOf(secondUsers);
        assertThat(rig.connections.ofUser(otherOrg, user, T0)).hasSize(5)
                .allSatisfy(c -> assertThat(c.organizationId()).isEqualTo(otherOrg));
    }

    @Test
    void theProductionWiringUsesTheConfiguredTable() {
        RealtimeComponent component = DaggerRealtimeComponent.factory()
                .create(com.unifiedbeez.inbox.testing.LocalDynamo.realtimeConfig(rig.tableName));
        assertThat(component.table().name()).isEqualTo(rig.tableName);
        assertThat(component.connections()).isSameAs(component.connections());

        component.connections().register("wired=", org, user, T0);
        assertThat(rig.connections.find("wired=", T0)).isPresent();
        assertThat(component.presence().connected(org, user, T0)).isPresent();
        assertThat(rig.presence.of(org, List.of(user), T0)).containsEntry(user, PresenceStatus.ONLINE);
    }

    private List<String> register(UUID organization, UUID owner, int count, Instant at) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString().substring(0, 12) + "=";
            rig.connections.register(id, organization, owner, at);
            ids.add(id);
        }
        return ids;
    }
}
