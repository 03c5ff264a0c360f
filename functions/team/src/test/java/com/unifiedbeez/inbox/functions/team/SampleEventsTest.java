package com.unifiedbeez.inbox.functions.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample events in events/team (what `sam local invoke -e` takes) run against the real
 * handler: their ids are rows made here, so each answers as the route promises.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleEventsTest {
    private static final Path EVENTS = Path.of("../../events/team");
    private static final String ORG = "019abc00-0000-7000-8000-0000000000e1";
    private static final String ADA = "019abc00-0000-7000-8000-0000000000e2";
    private static final String SAM = "019abc00-0000-7000-8000-0000000000e3";
    private static final String LEE = "019abc00-0000-7000-8000-0000000000e4";
    private static final String TEAM = "019abc00-0000-7000-8000-0000000000e5";
    /** Held by Sam; transferred to Lee, then its history is read. */
    private static final String SAMS = "019abc00-0000-7000-8000-0000000000e7";
    private static final String TO_CLAIM = "019abc00-0000-7000-8000-0000000000e8";
    private static final String TO_AUTO_ASSIGN = "019abc00-0000-7000-8000-0000000000e9";
    private static final String TO_REASSIGN = "019abc00-0000-7000-8000-0000000000ea";
    /** Assigned to Lee by hand, then given its routing. */
    private static final String TO_ASSIGN = "019abc00-0000-7000-8000-0000000000eb";

    @BeforeAll
    static void givenTheRowsTheSamplesName() {
        Fixtures fx = Fixtures.onTestDatabase();
        fx.exec("INSERT INTO organizations (id, name) VALUES (?::uuid, 'Sample Org')", ORG);
        fx.exec("INSERT INTO users (id, organization_id, email, name, role, status) VALUES"
                + " (?::uuid, ?::uuid, 'ada@sample.test', 'Ada', 'admin', 'online'),"
                + " (?::uuid, ?::uuid, 'sam@sample.test', 'Sam', 'agent', 'online'),"
                + " (?::uuid, ?::uuid, 'lee@sample.test', 'Lee', 'agent', 'online')", ADA, ORG, SAM, ORG, LEE, ORG);
        fx.exec("INSERT INTO teams (id, organization_id, name) VALUES (?::uuid, ?::uuid, 'Support')", TEAM, ORG);
        fx.exec("INSERT INTO team_members (organization_id, team_id, user_id, joined_at) VALUES"
                + " (?::uuid, ?::uuid, ?::uuid, now() - interval '2 days'), (?::uuid, ?::uuid, ?::uuid, now() - interval '1 day')",
                ORG, TEAM, SAM, ORG, TEAM, LEE);
        String[][] conversations = {
                {SAMS, "active", SAM}, {TO_CLAIM, "new", null}, {TO_AUTO_ASSIGN, "new", null},
                {TO_REASSIGN, "active", SAM}, {TO_ASSIGN, "new", null}};
        for (int i = 0; i < conversations.length; i++) {
            String contact = "019abc00-0000-7000-8000-0000000000f" + i;
            fx.exec("INSERT INTO contacts (id, organization_id, name) VALUES (?::uuid, ?::uuid, ?)", contact, ORG,
                    "Customer " + i);
            fx.exec("INSERT INTO contact_identities (id, organization_id, contact_id, channel, identifier) VALUES"
                    + " (gen_random_uuid(), ?::uuid, ?::uuid, 'whatsapp', ?)", ORG, contact, "44770090012" + i);
            fx.exec("INSERT INTO conversations (id, organization_id, contact_id, channel, status, assignee_user_id,"
                    + " assignee_team_id, last_message_at) VALUES (?::uuid, ?::uuid, ?::uuid, 'whatsapp', ?, ?::uuid, ?::uuid,"
                    + " now() - make_interval(mins => ?))", conversations[i][0], ORG, contact, conversations[i][1],
                    conversations[i][2], TEAM, 10 - i);
        }
    }

    private static HttpAnswer run(String name) {
        HttpAnswer answer = HttpAnswer.call(TeamHarness.handler(),
                EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(name + ".json").toString()));
        assertThat(answer.status()).as(name + ": " + answer.json()).isEqualTo(200);
        return answer;
    }

    @Test
    @Order(1)
    void readSamples() {
        JsonNode inbox = run("team-inbox").json();
        assertThat(inbox.get("items")).extracting(i -> i.get("id").asText())
                .containsExactly(TO_ASSIGN, TO_AUTO_ASSIGN, TO_CLAIM);
        JsonNode workload = run("workload").json();
        assertThat(workload.get("agents")).extracting(a -> a.get("name").asText() + " " + a.get("open").asInt())
                .containsExactly("Lee 0", "Sam 2");
    }

    @Test
    @Order(2)
    void writeSamples() {
        JsonNode member = run("member-routing").json();
        assertThat(member.get("skills")).extracting(JsonNode::asText).containsExactly("billing", "lang:es");
        assertThat(member.get("maxConversations").asInt()).isEqualTo(8);
        assertThat(run("assign").json().at("/decision/toUserId").asText()).isEqualTo(LEE);
        assertThat(run("claim").json().at("/conversation/assignee/user/id").asText()).isEqualTo(SAM);
        assertThat(run("transfer").json().at("/decision/reason").asText())
                .isEqualTo("transferred: the customer writes in Spanish; Lee covers lang:es");
        JsonNode auto = run("auto-assign").json().get("decision");
        assertThat(auto.get("strategy").asText()).isEqualTo("load_balanced");
        assertThat(auto.get("outcome").asText()).isEqualTo("assigned");
        assertThat(run("reassign-bulk").json().get("updated").asInt()).isEqualTo(1);
        JsonNode routing = run("conversation-routing").json();
        assertThat(routing.get("priority").asText()).isEqualTo("high");
        assertThat(routing.get("requiredSkills")).extracting(JsonNode::asText).containsExactly("billing", "lang:es");
    }

    @Test
    @Order(3)
    void theHistorySampleShowsTheTransfer() {
        JsonNode history = run("assignment-history").json();
        assertThat(history.get("items")).extracting(d -> d.get("trigger").asText() + " " + d.get("toUserId").asText())
                .containsExactly("transfer " + LEE);
    }

    @Test
    @Order(4)
    void everyRouteHasASample() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            var keys = files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> EventLoader.loadApiGatewayHttpEvent(f.toString()).getRouteKey()).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(TeamHandler.ROUTES.keys());
        }
    }
}
