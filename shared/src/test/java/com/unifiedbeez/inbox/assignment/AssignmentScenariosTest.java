package com.unifiedbeez.inbox.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.settings.SettingScope;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.unifiedbeez.inbox.settings.SettingsWriter;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.realtime.PresenceStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Arrivals, reopenings, presence and the first-touch deadline, each as the rows show it afterwards. */
class AssignmentScenariosTest {

    @Test
    void queuedConversationsWaitUntilSomebodyComesOnlineAndThenGoMostUrgentFirst() {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings("round_robin", 2));
        Caller ana = rig.agent("Ana", "offline");
        UUID normal = rig.arrive("normal");
        UUID low = rig.arrive("low");
        UUID urgent = rig.arrive("urgent");
        assertThat(rig.queueLength()).isEqualTo(3);
        assertThat(rig.history(normal)).containsExactly("arrival:queued");

        rig.presence(ana, "online");
        int moved = rig.wiring.availability().changed(rig.org, ana.userId(), PresenceStatus.ONLINE);

        assertThat(moved).isEqualTo(2);
        assertThat(rig.assignee(urgent)).isEqualTo(ana.userId());
        assertThat(rig.assignee(normal)).isEqualTo(ana.userId());
        assertThat(rig.assignee(low)).isNull();
        assertThat(rig.queued(low)).isTrue();
        assertThat(rig.history(urgent)).containsExactly("arrival:queued", "drain:assigned");
    }

    @Test
    void raisingTheTeamsCapacityInSettingsDrainsTheQueueAtOnce() throws Exception {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings("load_balanced", 1));
        Caller ana = rig.agent("Ana", "online");
        UUID first = rig.arrive();
        UUID second = rig.arrive();
        assertThat(rig.assignee(first)).isEqualTo(ana.userId());
        assertThat(rig.queued(second)).isTrue();

        new SettingsWriter(rig.database, new SettingsStore(rig.events), rig.wiring.router()).put(rig.admin,
                SettingScope.TEAM, rig.team, (ObjectNode) Json.mapper().readTree(
                        "{\"autoAssignment\": " + AssignmentRig.settings("load_balanced", 2) + "}"));

        assertThat(rig.assignee(second)).isEqualTo(ana.userId());
        assertThat(rig.history(second)).containsExactly("arrival:queued", "drain:assigned");
    }

    @Test
    void aQueuedConversationAssignedByHandLeavesTheQueueAndTheDecisionSaysWho() {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings("round_robin", 5));
        Caller ana = rig.agent("Ana", "away");
        UUID id = rig.arrive();
        assertThat(rig.queued(id)).isTrue();

        rig.wiring.conversationAssigner().assign(rig.admin, id,
                new com.unifiedbeez.inbox.conversation.AssignRequest(ana.userId().toString(), "user"));

        assertThat(rig.assignee(id)).isEqualTo(ana.userId());
        assertThat(rig.queued(id)).isFalse();
        assertThat(rig.history(id)).containsExactly("arrival:queued", "manual:assigned");
        rig.presence(ana, "online");
        rig.wiring.availability().changed(rig.org, ana.userId(), PresenceStatus.ONLINE);
        assertThat(rig.history(id)).as("no drain touches it").hasSize(2);
    }

    @Test
    void aReopenedConversationGoesBackToItsAgentOnlyIfTheyAreAvailable() {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings("load_balanced", 5));
        Caller ana = rig.agent("Ana", "online");
        Caller ben = rig.agent("Ben", "online");
        rig.member(ben, "last_assigned_at", java.sql.Timestamp.from(rig.clock.instant()));
        UUID first = rig.arrive();
        assertThat(rig.assignee(first)).isEqualTo(ana.userId());

        rig.fx.exec("UPDATE conversations SET status = 'active' WHERE id = ?", first); // reopened
        reopen(rig, first);
        assertThat(rig.assignee(first)).isEqualTo(ana.userId());
        assertThat(rig.history(first)).containsExactly("arrival:assigned", "reopen:kept");

        rig.presence(ana, "away");
        reopen(rig, first);
        assertThat(rig.assignee(first)).isEqualTo(ben.userId());
        assertThat(rig.history(first)).endsWith("reopen:assigned");
    }

    private static void reopen(AssignmentRig rig, UUID id) {
        ArrivalRouting.Pending p = rig.database.transaction(c -> rig.wiring.arrivals().arrived(c, rig.org, id, true))
                .orElseThrow();
        assertThat(p.trigger()).isEqualTo(Trigger.REOPEN);
        rig.wiring.router().routeQuietly(rig.org, id, p.trigger());
    }

    @Test
    void anAgentGoingAwayLosesOnlyTheirQuietConversationsAndOnlyToOnlineTeammates() {
        AssignmentRig rig = new AssignmentRig("""
                {"enabled": true, "strategy": "load_balanced", "maxConversationsPerAgent": 10, "onlyOnline": true,
                 "reassignAwayAfterMinutes": 15}""");
        Caller ana = rig.agent("Ana", "online");
        List<UUID> anas = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            anas.add(rig.arrive());
        }
        Caller ben = rig.agent("Ben", "online");
        Caller cy = rig.agent("Cy", "away");
        Caller dee = rig.agent("Dee", "offline");
        reply(rig, anas.get(0), ana); // answered a minute ago: not quiet

        rig.presence(ana, "away");
        int moved = rig.wiring.availability().changed(rig.org, ana.userId(), PresenceStatus.AWAY);

        assertThat(moved).isEqualTo(2);
        assertThat(rig.assignee(anas.get(0))).isEqualTo(ana.userId());
        assertThat(rig.assignee(anas.get(1))).isEqualTo(ben.userId());
        assertThat(rig.assignee(anas.get(2))).isEqualTo(ben.userId());
        assertThat(rig.loads()).doesNotContainKeys(cy.userId(), dee.userId());
        assertThat(rig.history(anas.get(1))).containsExactly("arrival:assigned", "away:assigned");
        assertThat(rig.fx.one("SELECT skipped::text FROM assignment_decisions WHERE conversation_id = ? AND trigger = 'away'",
                anas.get(1))).contains("\"reason\": \"away\"", "\"reason\": \"offline\"", "\"reason\": \"losing_agent\"");
    }

    @Test
    void withNobodyToTakeThemAnAbsentAgentsConversationsWaitAndComeBackToThemFirst() {
        AssignmentRig rig = new AssignmentRig("""
                {"enabled": true, "strategy": "round_robin", "maxConversationsPerAgent": 10, "onlyOnline": true,
                 "reassignAwayAfterMinutes": 0}""");
        Caller ana = rig.agent("Ana", "online");
        UUID id = rig.arrive();
        Caller ben = rig.agent("Ben", "offline");

        rig.presence(ana, "offline");
        rig.wiring.availability().changed(rig.org, ana.userId(), PresenceStatus.OFFLINE);
        assertThat(rig.assignee(id)).isNull();
        assertThat(rig.queued(id)).isTrue();

        rig.presence(ben, "online");
        rig.presence(ana, "online");
        rig.wiring.availability().changed(rig.org, ana.userId(), PresenceStatus.ONLINE);
        assertThat(rig.assignee(id)).as("back to the agent it was taken from").isEqualTo(ana.userId());
        assertThat(rig.history(id)).containsExactly("arrival:assigned", "away:queued", "drain:assigned");
    }

    @Test
    void aMissedFirstTouchReassignsAndRestartsTheTimerAndTheLimitEscalatesToTheAdmins() {
        AssignmentRig rig = new AssignmentRig("""
                {"enabled": true, "strategy": "round_robin", "maxConversationsPerAgent": 10, "onlyOnline": true,
                 "firstTouchMinutes": 5, "escalateAfterReassignments": 2}""");
        Caller ana = rig.agent("Ana", "online");
        Caller ben = rig.agent("Ben", "online");
        UUID id = rig.arrive();
        UUID first = rig.assignee(id);
        UUID second = first.equals(ana.userId()) ? ben.userId() : ana.userId();

        rig.clock.advance(Duration.ofMinutes(4));
        assertThat(rig.wiring.deadlines().check()).isZero();
        rig.clock.advance(Duration.ofMinutes(2));
        assertThat(rig.wiring.deadlines().check()).isEqualTo(1);
        assertThat(rig.assignee(id)).isEqualTo(second);

        rig.clock.advance(Duration.ofMinutes(4));
        assertThat(rig.wiring.deadlines().check()).as("the timer restarted with the new agent").isZero();
        rig.clock.advance(Duration.ofMinutes(2));
        rig.wiring.deadlines().check();
        assertThat(rig.assignee(id)).isEqualTo(first);

        rig.clock.advance(Duration.ofMinutes(6));
        rig.wiring.deadlines().check();
        assertThat(rig.assignee(id)).isNull();
        assertThat(rig.queued(id)).isTrue();
        assertThat(rig.history(id)).containsExactly("arrival:assigned", "first_touch:assigned", "first_touch:assigned",
                "escalation:escalated");
        assertThat(rig.fx.count("SELECT count(*) FROM domain_events WHERE conversation_id = ? AND name = 'conversation:escalated'"
                + " AND audience = ARRAY[?]::uuid[]", id, rig.admin.userId())).isEqualTo(1);
    }

    @Test
    void aPublicReplyInTimeIsTheFirstTouchAndStopsTheTimer() {
        AssignmentRig rig = new AssignmentRig("""
                {"enabled": true, "strategy": "round_robin", "maxConversationsPerAgent": 10, "onlyOnline": true,
                 "firstTouchMinutes": 5}""");
        Caller ana = rig.agent("Ana", "online");
        rig.agent("Ben", "online");
        UUID id = rig.arrive();
        Caller holder = rig.assignee(id).equals(ana.userId()) ? ana : null;
        reply(rig, id, holder != null ? holder : new Caller(rig.assignee(id), rig.org, null));

        rig.clock.advance(Duration.ofMinutes(10));
        assertThat(rig.wiring.deadlines().check()).isZero();
        assertThat(rig.history(id)).containsExactly("arrival:assigned");
        assertThat(rig.fx.count("SELECT count(*) FROM conversation_routing WHERE conversation_id = ? AND touch_due_at IS NULL",
                id)).isEqualTo(1);
    }

    private static void reply(AssignmentRig rig, UUID conversation, Caller agent) {
        rig.fx.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, direction, sender_type, sender_user_id, content,
                                      status)
                VALUES (?, ?, ?, 'outbound', 'user', ?, 'On it!', 'sent')""",
                Ids.newId(), rig.org, conversation, agent.userId());
    }
}
