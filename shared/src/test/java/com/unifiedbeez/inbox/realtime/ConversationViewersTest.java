package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationViewersTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.250Z");

    RealtimeRig rig;
    final UUID org = UUID.randomUUID();
    final UUID ana = UUID.randomUUID();
    final UUID ben = UUID.randomUUID();
    final UUID conversation = UUID.randomUUID();

    @BeforeEach
    void table() {
        rig = RealtimeRig.fresh();
        rig.connections.register("ana-laptop=", org, ana, T0);
        rig.connections.register("ana-phone=", org, ana, T0);
        rig.connections.register("ben=", org, ben, T0);
    }

    @Test
    void viewersAreDistinctUsers() {
        assertThat(rig.viewers.view(org, conversation, ana, "ana-laptop=", T0)).isTrue();
        assertThat(rig.viewers.view(org, conversation, ana, "ana-phone=", T0)).isTrue();
        assertThat(rig.viewers.view(org, conversation, ben, "ben=", T0)).isTrue();

        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(1)))
                .containsExactlyInAnyOrder(new Viewer(ana, false), new Viewer(ben, false));
        assertThat(rig.viewers.of(org, UUID.randomUUID(), T0)).isEmpty();
    }

    @Test
    void viewingAgainRefreshesWithoutAnnouncing() {
        assertThat(rig.viewers.view(org, conversation, ana, "ana-laptop=", T0)).isTrue();
        assertThat(rig.viewers.view(org, conversation, ana, "ana-laptop=", T0.plusSeconds(40))).isFalse();
        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(99))).extracting(Viewer::userId).containsExactly(ana);
        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(101))).as("60 s after the last view").isEmpty();
        assertThat(rig.viewers.view(org, conversation, ana, "ana-laptop=", T0.plusSeconds(101)))
                .as("a lapsed viewer viewing again is new").isTrue();
    }

    @Test
    void onlyTheConnectionsOwnerViewsThroughIt() {
        UUID otherOrg = UUID.randomUUID();
        assertThat(rig.viewers.view(otherOrg, conversation, ana, "ana-laptop=", T0)).as("another organization").isFalse();
        assertThat(rig.viewers.view(org, conversation, ben, "ana-laptop=", T0)).as("another user").isFalse();
        assertThat(rig.viewers.view(org, conversation, ana, "nobody=", T0)).as("no connection").isFalse();
        assertThat(rig.viewers.of(org, conversation, T0)).isEmpty();
        assertThat(rig.viewers.of(otherOrg, conversation, T0)).isEmpty();
        assertThat(rig.stored("CONN#nobody=", "CONN")).as("no stray item").isEmpty();
    }

    @Test
    void leavingRemovesTheViewerAndTheConnectionForgetsTheConversation() {
        rig.viewers.view(org, conversation, ana, "ana-laptop=", T0);
        rig.viewers.view(org, conversation, ana, "ana-phone=", T0);

        assertThat(rig.viewers.leave(org, conversation, ana, "ana-laptop=", T0)).isTrue();
        assertThat(rig.viewers.leave(org, conversation, ana, "ana-laptop=", T0)).isFalse();
        assertThat(rig.viewers.of(org, conversation, T0)).as("still on the phone").containsExactly(new Viewer(ana, false));
        assertThat(rig.connections.find("ana-laptop=", T0)).hasValueSatisfying(c -> assertThat(c.viewing()).isEmpty());
        assertThat(rig.connections.find("ana-phone=", T0)).hasValueSatisfying(
                c -> assertThat(c.viewing()).containsExactly(conversation));

        assertThat(rig.viewers.leave(org, conversation, ana, "gone=", T0)).isFalse();
        assertThat(rig.stored("CONN#gone=", "CONN")).as("no stray item").isEmpty();
    }

    @Test
    void aClosedConnectionLeavesEveryConversationItViewed() {
        UUID second = UUID.randomUUID();
        UUID lapsed = UUID.randomUUID();
        rig.viewers.view(org, lapsed, ana, "ana-laptop=", T0.minusSeconds(120));
        rig.viewers.view(org, conversation, ana, "ana-laptop=", T0);
        rig.viewers.view(org, second, ana, "ana-laptop=", T0);
        rig.viewers.view(org, second, ben, "ben=", T0);

        LiveConnection closed = rig.connections.remove("ana-laptop=").orElseThrow();
        assertThat(closed.viewing()).containsExactlyInAnyOrder(conversation, second, lapsed);
        assertThat(rig.viewers.leaveAll(closed, T0)).as("the ones it was still viewing")
                .containsExactlyInAnyOrder(conversation, second);

        assertThat(rig.viewers.of(org, conversation, T0)).isEmpty();
        assertThat(rig.viewers.of(org, second, T0)).containsExactly(new Viewer(ben, false));
        assertThat(rig.stored(RealtimeKeys.conversationPk(org, lapsed), RealtimeKeys.viewerSk(ana, "ana-laptop="))).isEmpty();
    }

    @Test
    void typingShowsOnTheViewerAndStopsOrLapses() {
        rig.viewers.view(org, conversation, ana, "ana-laptop=", T0);
        rig.viewers.view(org, conversation, ben, "ben=", T0);

        assertThat(rig.viewers.startTyping(org, conversation, ana, T0)).isTrue();
        assertThat(rig.viewers.startTyping(org, conversation, ana, T0.plusSeconds(3))).as("still typing").isFalse();
        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(10)))
                .containsExactlyInAnyOrder(new Viewer(ana, true), new Viewer(ben, false));
        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(12))).as("8 s after the last typing:start")
                .containsExactlyInAnyOrder(new Viewer(ana, false), new Viewer(ben, false));
        assertThat(rig.viewers.stopTyping(org, conversation, ana, T0.plusSeconds(12))).as("lapsed already").isFalse();

        assertThat(rig.viewers.startTyping(org, conversation, ben, T0.plusSeconds(20))).isTrue();
        assertThat(rig.viewers.stopTyping(org, conversation, ben, T0.plusSeconds(21))).isTrue();
        assertThat(rig.viewers.stopTyping(org, conversation, ben, T0.plusSeconds(21))).isFalse();
        assertThat(rig.viewers.of(org, conversation, T0.plusSeconds(21))).extracting(Viewer::typing).containsOnly(false);
    }
}
