package com.unifiedbeez.inbox.functions.team;

import static com.unifiedbeez.inbox.functions.team.TeamHarness.call;
import static com.unifiedbeez.inbox.functions.team.TeamRoutesTest.body;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Organization B, even as an admin, neither sees nor changes anything of organization A through any
 * team route: A's teams, conversations and members are 404 in the path and in the body (a user of
 * A's as recipient is 422 naming the field, as any unknown agent). Within A, an agent who is not in
 * the team gets 403 on its inbox, its workload and its conversations.
 */
class TenantIsolationTest {
    static final Set<String> COVERED = Set.of(
            "GET /api/inbox/team/{teamId}",
            "GET /api/inbox/team/{teamId}/workload",
            "PATCH /api/inbox/team/{teamId}/members/{userId}",
            "POST /api/inbox/assign",
            "POST /api/inbox/claim",
            "POST /api/inbox/transfer",
            "POST /api/inbox/auto-assign",
            "POST /api/inbox/reassign-bulk",
            "GET /api/inbox/conversations/{id}/assignment-history",
            "PUT /api/inbox/conversations/{id}/routing");
    private static final String BASE = "/api/inbox";

    private TeamScenario a;
    private Caller samA;
    private Caller leeA;
    private Caller outsiderA;
    private UUID heldA;
    private UUID openA;
    private TeamScenario b;
    private Caller agentB;
    private UUID heldB;

    @BeforeEach
    void givenTwoOrganizations() {
        a = new TeamScenario().routing(TeamScenario.enabled("round_robin", 5));
        samA = a.member("Sam", "online");
        leeA = a.member("Lee", "online");
        outsiderA = a.agent("Oz");
        a.presence(outsiderA, "online");
        heldA = a.held(samA, "active", "normal");
        openA = a.conversation();
        // A has a history worth hiding
        TeamRoutesTest.ok(TeamRoutesTest.post("/claim", samA, body("conversationId", openA)));
        TeamRoutesTest.ok(TeamRoutesTest.post("/transfer", samA, body("conversationId", openA, "toUserId", leeA.userId(),
                "reason", "Sam's shift ends")));

        b = new TeamScenario();
        agentB = b.member("Bea", "online");
        heldB = b.held(agentB, "active", "normal");
    }

    @Test
    void everyRouteIsCovered() {
        assertThat(TeamHandler.ROUTES.keys()).containsExactlyInAnyOrderElementsOf(COVERED);
    }

    @Test
    void organizationBSeesNothingOfA() {
        Caller adminB = b.admin;
        for (HttpEvents read : List.of(
                request("GET", BASE + "/team/{teamId}").path("teamId", a.team).as(adminB),
                request("GET", BASE + "/team/{teamId}").path("teamId", a.team).query("assignee", "none").as(adminB),
                request("GET", BASE + "/team/{teamId}/workload").path("teamId", a.team).as(adminB),
                request("GET", BASE + "/conversations/{id}/assignment-history").path("id", openA).as(adminB))) {
            HttpAnswer answer = call(read);
            assertThat(answer.status()).as(read.build().getRawPath()).isEqualTo(404);
            assertThat(answer.json().toString()).doesNotContain("Sam").doesNotContain(samA.userId().toString());
        }
        // B's own inbox and workload hold only B's
        HttpAnswer inboxB = call(request("GET", BASE + "/team/{teamId}").path("teamId", b.team).as(adminB));
        assertThat(StreamSupport.stream(inboxB.json().get("items").spliterator(), false)
                .map(i -> i.get("id").asText())).containsExactly(heldB.toString());
        HttpAnswer workloadB = call(request("GET", BASE + "/team/{teamId}/workload").path("teamId", b.team).as(adminB));
        assertThat(workloadB.json().get("agents")).extracting(x -> x.get("name").asText()).containsExactly("Bea");
    }

    @Test
    void organizationBChangesNothingOfA() {
        Caller adminB = b.admin;
        DatabaseSnapshot beforeA = DatabaseSnapshot.of(a.org);
        DatabaseSnapshot beforeB = DatabaseSnapshot.of(b.org);
        Map<HttpEvents, Integer> attempts = new LinkedHashMap<>();
        // A's conversations, teams and members named by B
        attempts.put(post("/assign", adminB, body("conversationId", heldA, "assignToUserId", agentB.userId())), 404);
        attempts.put(post("/claim", adminB, body("conversationId", openA)), 404);
        attempts.put(post("/transfer", adminB, body("conversationId", heldA, "toUserId", agentB.userId())), 404);
        attempts.put(post("/auto-assign", adminB, body("conversationId", openA)), 404);
        attempts.put(post("/auto-assign", adminB, body("conversationId", openA, "strategy", "load_balanced")), 404);
        attempts.put(request("PUT", BASE + "/conversations/{id}/routing").path("id", heldA).as(adminB)
                .body("{\"priority\": \"urgent\", \"requiredSkills\": [\"billing\"]}"), 404);
        attempts.put(request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", a.team)
                .path("userId", samA.userId()).as(adminB).body("{\"senior\": true}"), 404);
        attempts.put(request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", a.team)
                .path("userId", agentB.userId()).as(adminB).body("{\"senior\": true}"), 404);
        attempts.put(request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", b.team)
                .path("userId", samA.userId()).as(adminB).body("{\"senior\": true}"), 404);
        // conversations of A in a bulk body are unknown ones (as the conversations group's bulk routes answer)
        attempts.put(post("/reassign-bulk", adminB, body("fromUserId", samA.userId(), "toUserId", agentB.userId(),
                "conversationIds", List.of(heldA))), 422);
        // A's users as recipients of B's conversations are unknown agents
        attempts.put(post("/assign", adminB, body("conversationId", heldB, "assignToUserId", samA.userId())), 422);
        attempts.put(post("/transfer", adminB, body("conversationId", heldB, "toUserId", samA.userId())), 422);
        attempts.put(post("/reassign-bulk", adminB, body("fromUserId", agentB.userId(), "toUserId", samA.userId(),
                "conversationIds", List.of(heldB))), 422);
        // and A's own agent cannot reach into B
        attempts.put(post("/claim", samA, body("conversationId", heldB)), 404);
        attempts.put(post("/reassign-bulk", samA, body("fromUserId", samA.userId(), "toUserId", leeA.userId(),
                "conversationIds", List.of(heldB))), 422);

        attempts.forEach((attempt, expected) -> {
            HttpAnswer answer = call(attempt);
            assertThat(answer.status()).as(attempt.build().getRouteKey() + " " + attempt.build().getBody()).isEqualTo(expected);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().toString()).doesNotContain("\"Sam\"");
        });
        assertThat(DatabaseSnapshot.of(a.org)).as("rows of A").isEqualTo(beforeA);
        assertThat(DatabaseSnapshot.of(b.org)).as("rows of B").isEqualTo(beforeB);
    }

    @Test
    void anAgentOutsideTheTeamGets403OnItsInboxWorkloadAndConversations() {
        UUID waiting = a.conversation();
        DatabaseSnapshot before = DatabaseSnapshot.of(a.org);
        Map<HttpEvents, Integer> attempts = new LinkedHashMap<>();
        attempts.put(request("GET", BASE + "/team/{teamId}").path("teamId", a.team).as(outsiderA), 403);
        attempts.put(request("GET", BASE + "/team/{teamId}/workload").path("teamId", a.team).as(outsiderA), 403);
        attempts.put(post("/claim", outsiderA, body("conversationId", waiting)), 403);
        attempts.put(post("/auto-assign", outsiderA, body("conversationId", waiting)), 403);
        attempts.put(post("/assign", outsiderA, body("conversationId", waiting, "assignToUserId", samA.userId())), 403);
        attempts.put(post("/transfer", outsiderA, body("conversationId", heldA, "toUserId", outsiderA.userId())), 403);
        attempts.put(post("/reassign-bulk", outsiderA, body("fromUserId", samA.userId(), "toUserId", outsiderA.userId(),
                "conversationIds", List.of(heldA))), 403);
        attempts.put(request("PUT", BASE + "/conversations/{id}/routing").path("id", waiting).as(outsiderA)
                .body("{\"priority\": \"urgent\"}"), 403);
        attempts.put(request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", a.team)
                .path("userId", samA.userId()).as(samA).body("{\"senior\": true}"), 403);

        attempts.forEach((attempt, expected) -> {
            HttpAnswer answer = call(attempt);
            assertThat(answer.status()).as(attempt.build().getRouteKey()).isEqualTo(expected);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.problemType()).endsWith("/forbidden");
        });
        assertThat(a.assignee(waiting)).isNull();
        assertThat(DatabaseSnapshot.of(a.org)).isEqualTo(before);
    }

    private static HttpEvents post(String route, Caller who, String body) {
        return request("POST", BASE + route).as(who).body(body);
    }
}
