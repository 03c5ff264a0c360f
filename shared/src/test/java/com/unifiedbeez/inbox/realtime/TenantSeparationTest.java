package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Organization A's reads never return organization B's items, even for the same user and conversation ids. */
class TenantSeparationTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.250Z");

    @Test
    void everyReadIsScopedToItsOrganization() {
        RealtimeRig rig = RealtimeRig.fresh();
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        rig.connections.register("in-a=", orgA, user, T0);
        rig.connections.register("in-b=", orgB, user, T0);
        rig.viewers.view(orgB, conversation, user, "in-b=", T0);
        rig.viewers.startTyping(orgB, conversation, user, T0);
        rig.presence.choose(orgB, user, PresenceStatus.BUSY, T0);
        rig.connections.register("b-only=", orgB, UUID.randomUUID(), T0);

        assertThat(rig.connections.ofOrganization(orgA, T0)).extracting(LiveConnection::connectionId)
                .containsExactly("in-a=");
        assertThat(rig.connections.ofUser(orgA, user, T0)).extracting(LiveConnection::connectionId)
                .containsExactly("in-a=");
        assertThat(rig.viewers.of(orgA, conversation, T0)).isEmpty();
        assertThat(rig.viewers.of(orgB, conversation, T0)).containsExactly(new Viewer(user, true));
        assertThat(rig.viewers.view(orgA, conversation, user, "in-b=", T0)).as("B's connection in A").isFalse();
        assertThat(rig.presence.of(orgA, List.of(user), T0)).containsExactly(entry(user, PresenceStatus.OFFLINE));
        assertThat(rig.presence.of(orgB, List.of(user), T0)).containsExactly(entry(user, PresenceStatus.BUSY));

        // A's user connecting and closing never counts B's connection as theirs
        assertThat(rig.presence.connected(orgA, user, T0)).hasValueSatisfying(
                c -> assertThat(c.organizationId()).isEqualTo(orgA));
        rig.connections.remove("in-a=");
        assertThat(rig.presence.disconnected(orgA, user, T0)).hasValueSatisfying(
                c -> assertThat(c.status()).isEqualTo(PresenceStatus.AWAY));
        assertThat(rig.presence.of(orgB, List.of(user), T0)).containsExactly(entry(user, PresenceStatus.BUSY));
    }
}
