package com.unifiedbeez.inbox.functions.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming runs a route (the workload, as a caller of no organization) and writes nothing:
 * not even with a queue that an online agent could take from.
 */
class PrimingTest {
    @Test
    void warmingUpChangesNothing() {
        TeamScenario given = new TeamScenario().routing(TeamScenario.enabled("round_robin", 5));
        given.member("Sam", "online");
        UUID waiting = given.conversation();
        given.fx.exec("INSERT INTO conversation_routing (conversation_id, organization_id, queued_at) VALUES (?, ?, now())",
                waiting, given.org);
        TeamHandler handler = new TeamHandler(TeamHarness.component());
        DatabaseSnapshot before = DatabaseSnapshot.of();

        handler.priming.beforeCheckpoint(null);

        assertThat(DatabaseSnapshot.of()).isEqualTo(before);
        assertThat(given.queued(waiting)).isTrue();
    }
}
