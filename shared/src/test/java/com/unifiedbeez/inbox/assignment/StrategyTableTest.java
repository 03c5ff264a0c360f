package com.unifiedbeez.inbox.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each strategy's choice on real PostgreSQL: three agents — Ana (online, 2 open, last assigned
 * long ago, skills billing + lang:es, senior), Ben (online, no open, assigned recently, skill
 * billing), Cy (online, 1 open, never assigned) — and one arriving conversation.
 */
class StrategyTableTest {

    record Case(String name, String strategy, String priority, String requiredSkills, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("round robin: never assigned goes first", "round_robin", "normal", null, "Cy"),
                new Case("load balanced: fewest open", "load_balanced", "normal", null, "Ben"),
                new Case("skill based: the only one with billing and Spanish", "skill_based", "normal",
                        "billing,lang:es", "Ana"),
                new Case("skill based: the least loaded of those with billing", "skill_based", "normal", "billing", "Ben"),
                new Case("skill based: nobody has it, so it waits", "skill_based", "normal", "french", null),
                new Case("skill based: nothing required is load balanced", "skill_based", "normal", null, "Ben"),
                new Case("priority: urgent to the senior", "priority", "urgent", null, "Ana"),
                new Case("priority: high to the senior", "priority", "high", null, "Ana"),
                new Case("priority: normal to the least loaded non-senior", "priority", "normal", null, "Ben"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void choosesAsDocumented(Case c) {
        AssignmentRig rig = new AssignmentRig(AssignmentRig.settings(c.strategy(), 10));
        Caller ana = rig.agent("Ana", "online");
        Caller ben = rig.agent("Ben", "online");
        Caller cy = rig.agent("Cy", "online");
        rig.fx.exec("UPDATE team_members SET skills = '{billing,lang:es}', senior = true, last_assigned_at = now() - interval '2 hours'"
                + " WHERE user_id = ?", ana.userId());
        rig.fx.exec("UPDATE team_members SET skills = '{billing}', last_assigned_at = now() - interval '1 minute'"
                + " WHERE user_id = ?", ben.userId());
        for (int i = 0; i < 2; i++) {
            rig.fx.exec("UPDATE conversations SET assignee_user_id = ? WHERE id = ?", ana.userId(), rig.conversation("normal"));
        }
        rig.fx.exec("UPDATE conversations SET assignee_user_id = ? WHERE id = ?", cy.userId(), rig.conversation("normal"));
        Map<String, UUID> byName = Map.of("Ana", ana.userId(), "Ben", ben.userId(), "Cy", cy.userId());

        UUID id = rig.conversation(c.priority());
        if (c.requiredSkills() != null) {
            rig.fx.exec("INSERT INTO conversation_routing (conversation_id, organization_id, required_skills)"
                    + " VALUES (?, ?, string_to_array(?, ','))", id, rig.org, c.requiredSkills());
        }
        ArrivalRouting.Pending pending = rig.database.transaction(tx -> rig.wiring.arrivals().arrived(tx, rig.org, id, false))
                .orElseThrow();
        rig.wiring.router().routeQuietly(pending.organizationId(), id, pending.trigger());

        Function<String, UUID> who = byName::get;
        assertThat(rig.assignee(id)).isEqualTo(c.expected() == null ? null : who.apply(c.expected()));
        assertThat(rig.queued(id)).isEqualTo(c.expected() == null);
        assertThat(rig.history(id)).containsExactly("arrival:" + (c.expected() == null ? "queued" : "assigned"));
        assertThat(rig.fx.one("SELECT strategy FROM assignment_decisions WHERE conversation_id = ?", id))
                .isEqualTo(c.strategy());
    }
}
