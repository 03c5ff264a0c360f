package com.unifiedbeez.inbox.functions.team;

import static com.unifiedbeez.inbox.functions.team.TeamHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Each team route's happy path through the real handler, then what the rows say. */
class TeamRoutesTest {
    private static final String BASE = "/api/inbox";

    @Test
    void theTeamInboxListsTheTeamsConversationsWithTheInboxFiltersInPages() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "online");
        UUID waiting = s.conversation();
        UUID sams = s.held(sam, "active", "high");
        UUID lees = s.held(lee, "resolved", "low");
        UUID urgent = s.conversation();
        s.priority(urgent, "urgent");
        s.conversation(ConversationSpec.open(s.next()).team(s.fx.team(s.org, "Sales")));
        s.conversation(ConversationSpec.open(s.next()));

        assertThat(inbox(s, sam, Map.of())).containsExactly(urgent, lees, sams, waiting);
        assertThat(inbox(s, sam, Map.of("status", "new"))).containsExactly(urgent, waiting);
        assertThat(inbox(s, sam, Map.of("status", "new,active"))).containsExactly(urgent, sams, waiting);
        assertThat(inbox(s, sam, Map.of("assignee", "none"))).containsExactly(urgent, waiting);
        assertThat(inbox(s, sam, Map.of("assignee", "me"))).containsExactly(sams);
        assertThat(inbox(s, sam, Map.of("assignee", lee.userId().toString()))).containsExactly(lees);
        assertThat(inbox(s, sam, Map.of("priority", "high,urgent"))).containsExactly(urgent, sams);
        assertThat(inbox(s, lee, Map.of("assignee", "none", "priority", "normal"))).containsExactly(waiting);
        // an admin sees every team's inbox without being a member
        assertThat(inbox(s, s.admin, Map.of())).containsExactly(urgent, lees, sams, waiting);

        JsonNode first = ok(call(request("GET", BASE + "/team/{teamId}").path("teamId", s.team).query("limit", "3").as(sam)));
        assertThat(ids(first)).containsExactly(urgent, lees, sams);
        assertThat(first.get("nextCursor").isTextual()).isTrue();
        JsonNode second = ok(call(request("GET", BASE + "/team/{teamId}").path("teamId", s.team).query("limit", "3")
                .query("cursor", first.get("nextCursor").asText()).as(sam)));
        assertThat(ids(second)).containsExactly(waiting);
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theWorkloadShowsEachAgentsLoadCapacityAndPresenceAndTheQueue() {
        TeamScenario s = new TeamScenario().routing(TeamScenario.enabled("load_balanced", 3));
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "away");
        s.memberColumn(lee, "max_concurrent_conversations", 1);
        Caller gus = s.member("Gus", "online");
        s.fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", gus.userId());
        s.held(sam, "new", "normal");
        UUID talking = s.held(sam, "active", "normal");
        Instant customerWrote = s.next();
        s.fx.inboundMessage(s.org, talking, "still there?", customerWrote);
        UUID sales = s.fx.team(s.org, "Sales");
        s.join(sales, sam);
        s.conversation(ConversationSpec.open(s.next()).team(sales).assignedTo(sam.userId()).status("active"));
        s.held(sam, "resolved", "normal");
        // Sam is full (3 of 3, one of them in Sales), Lee away: two conversations wait
        UUID first = s.conversation();
        UUID second = s.conversation();
        JsonNode queued = ok(post("/auto-assign", sam, body("conversationId", first))).get("decision");
        assertThat(queued.get("outcome").asText()).isEqualTo("queued");
        assertThat(skipped(queued)).containsExactlyInAnyOrder(sam.userId() + " at_capacity", lee.userId() + " away");
        ok(post("/auto-assign", sam, body("conversationId", second)));

        JsonNode workload = ok(call(request("GET", BASE + "/team/{teamId}/workload").path("teamId", s.team).as(lee)));

        assertThat(workload.get("teamId").asText()).isEqualTo(s.team.toString());
        assertThat(workload.get("autoAssignment").asBoolean()).isTrue();
        assertThat(workload.get("strategy").asText()).isEqualTo("load_balanced");
        assertThat(workload.at("/queue/waiting").asInt()).isEqualTo(2);
        assertThat(Instant.parse(workload.at("/queue/oldestQueuedAt").asText()))
                .isEqualTo(Instant.parse(queued.get("decidedAt").asText()));
        JsonNode agents = workload.get("agents");
        assertThat(agents).extracting(a -> a.get("name").asText()).containsExactly("Lee", "Sam");
        JsonNode leeLoad = agents.get(0);
        assertThat(leeLoad.get("userId").asText()).isEqualTo(lee.userId().toString());
        assertThat(leeLoad.get("presence").asText()).isEqualTo("away");
        assertThat(leeLoad.get("open").asInt()).isZero();
        assertThat(leeLoad.get("capacity").asInt()).as("her own capacity, under the team's").isEqualTo(1);
        assertThat(leeLoad.get("atCapacity").asBoolean()).isFalse();
        assertThat(leeLoad.get("oldestWaitingSince").isNull()).isTrue();
        JsonNode samLoad = agents.get(1);
        assertThat(samLoad.get("presence").asText()).isEqualTo("online");
        assertThat(samLoad.get("open").asInt()).as("new and active, in every team").isEqualTo(3);
        assertThat(samLoad.get("active").asInt()).isEqualTo(2);
        assertThat(samLoad.get("capacity").asInt()).isEqualTo(3);
        assertThat(samLoad.get("atCapacity").asBoolean()).isTrue();
        assertThat(Instant.parse(samLoad.get("oldestWaitingSince").asText())).isEqualTo(customerWrote);
    }

    @Test
    void assigningGivesTheConversationToAMemberAndRecordsAManualDecision() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "offline");
        UUID conversation = s.conversation();

        JsonNode byAdmin = ok(post("/assign", s.admin, body("conversationId", conversation, "assignToUserId", lee.userId())));

        assertThat(byAdmin.at("/conversation/id").asText()).isEqualTo(conversation.toString());
        assertThat(byAdmin.at("/conversation/assignee/user/id").asText()).isEqualTo(lee.userId().toString());
        assertThat(byAdmin.at("/conversation/assignee/user/name").asText()).isEqualTo("Lee");
        assertThat(byAdmin.at("/conversation/assignee/team/id").asText()).isEqualTo(s.team.toString());
        JsonNode decision = byAdmin.get("decision");
        assertDecision(decision, "manual", null, s.admin, null, lee, "assigned", "assigned by hand");
        assertThat(decision.get("teamId").asText()).isEqualTo(s.team.toString());
        assertThat(s.assignee(conversation)).isEqualTo(lee.userId());
        assertThat(s.fx.count("SELECT count(*) FROM assignment_decisions WHERE conversation_id = ? AND trigger = 'manual'"
                + " AND actor_id = ? AND to_user_id = ? AND from_user_id IS NULL AND strategy IS NULL", conversation,
                s.admin.userId(), lee.userId())).isEqualTo(1);

        // a member gives it on, whatever the recipient's presence: a person's choice
        JsonNode byMember = ok(post("/assign", sam, body("conversationId", conversation, "assignToUserId", sam.userId())));
        assertDecision(byMember.get("decision"), "manual", null, sam, lee, sam, "assigned", "assigned by hand");
        assertThat(s.assignee(conversation)).isEqualTo(sam.userId());
        assertThat(s.history(conversation)).containsExactly("manual:assigned", "manual:assigned");
    }

    @Test
    void aClaimGivesAnUnassignedConversationToTheCallerAndAHeldOneIs409NamingTheHolder() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "online");
        UUID conversation = s.conversation();

        JsonNode claimed = ok(post("/claim", sam, body("conversationId", conversation)));

        assertThat(claimed.at("/conversation/assignee/user/id").asText()).isEqualTo(sam.userId().toString());
        assertDecision(claimed.get("decision"), "claim", null, sam, null, sam, "assigned", "claimed by the agent");
        assertThat(s.assignee(conversation)).isEqualTo(sam.userId());

        HttpAnswer taken = post("/claim", lee, body("conversationId", conversation));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.contentType()).isEqualTo("application/problem+json");
        assertThat(taken.problemType()).endsWith("/already-assigned");
        assertThat(taken.json().at("/assignedTo/id").asText()).isEqualTo(sam.userId().toString());
        assertThat(taken.json().at("/assignedTo/name").asText()).isEqualTo("Sam");
        HttpAnswer again = post("/claim", sam, body("conversationId", conversation));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().at("/assignedTo/id").asText()).isEqualTo(sam.userId().toString());

        assertThat(s.assignee(conversation)).isEqualTo(sam.userId());
        assertThat(s.history(conversation)).containsExactly("claim:assigned");
    }

    @Test
    void theHolderOrAnAdminTransfersWithAReasonTheHistoryKeeps() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "online");
        Caller kim = s.member("Kim", "online");
        UUID conversation = s.held(sam, "active", "normal");

        JsonNode handed = ok(post("/transfer", sam, body("conversationId", conversation, "toUserId", lee.userId(),
                "reason", "  Customer writes in Spanish ")));

        assertDecision(handed.get("decision"), "transfer", null, sam, sam, lee, "assigned",
                "transferred: Customer writes in Spanish");
        assertThat(handed.at("/conversation/assignee/user/id").asText()).isEqualTo(lee.userId().toString());
        assertThat(s.assignee(conversation)).isEqualTo(lee.userId());

        // a teammate who does not hold it may not, nor may Sam any more
        for (Caller notHolding : List.of(kim, sam)) {
            HttpAnswer refused = post("/transfer", notHolding, body("conversationId", conversation, "toUserId",
                    notHolding.userId()));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
        }
        assertThat(s.assignee(conversation)).isEqualTo(lee.userId());

        // an admin may, without a reason
        JsonNode back = ok(post("/transfer", s.admin, body("conversationId", conversation, "toUserId", sam.userId())));
        assertDecision(back.get("decision"), "transfer", null, s.admin, lee, sam, "assigned", "transferred");
        assertThat(s.assignee(conversation)).isEqualTo(sam.userId());

        JsonNode history = ok(call(request("GET", BASE + "/conversations/{id}/assignment-history").path("id", conversation)
                .as(kim)));
        assertThat(history.get("items")).extracting(d -> d.get("reason").asText())
                .containsExactly("transferred: Customer writes in Spanish", "transferred");
    }

    @Test
    void autoAssignInATeamThatDoesNotAssignAutomaticallyQueuesNothingWhenNobodyIsAvailable() {
        TeamScenario s = new TeamScenario().routing(
                "{\"enabled\": false, \"strategy\": \"round_robin\", \"maxConversationsPerAgent\": 5, \"onlyOnline\": true}");
        Caller sam = s.member("Sam", "away");
        UUID waiting = s.conversation();

        HttpAnswer refused = post("/auto-assign", s.admin, body("conversationId", waiting));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asText()).endsWith("/nobody-available");
        assertThat(skipped(refused.json())).containsExactly(sam.userId() + " away");
        assertThat(s.queued(waiting)).as("no drain serves this team's queue").isFalse();
        assertThat(s.history(waiting)).isEmpty();

        s.presence(sam, "online");
        JsonNode taken = ok(post("/auto-assign", s.admin, body("conversationId", waiting))).get("decision");
        assertThat(taken.get("outcome").asText()).isEqualTo("assigned");
        assertThat(s.assignee(waiting)).isEqualTo(sam.userId());
    }

    @Test
    void autoAssignChoosesByTheTeamsStrategyOrTheOneAskedForAndQueuesWhenNobodyIsOnline() {
        TeamScenario s = new TeamScenario().routing(TeamScenario.enabled("round_robin", 5));
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "online");
        s.held(sam, "active", "normal");
        s.held(sam, "new", "normal");
        UUID first = s.conversation();
        UUID second = s.conversation();

        // load balanced, asked for: Lee has fewer (round robin would give Sam, who joined first)
        JsonNode balanced = ok(post("/auto-assign", sam, body("conversationId", first, "strategy", "load_balanced")));
        JsonNode decision = balanced.get("decision");
        assertDecision(decision, "auto_assign", "load_balanced", sam, null, lee, "assigned", null);
        assertThat(decision.get("reason").asText()).contains("Lee has the fewest open conversations (0 of 5)");
        assertThat(s.assignee(first)).isEqualTo(lee.userId());

        // the team's strategy: round robin, whose turn is Sam's now that Lee had one
        JsonNode rotated = ok(post("/auto-assign", sam, body("conversationId", second)));
        assertDecision(rotated.get("decision"), "auto_assign", "round_robin", sam, null, sam, "assigned", null);
        assertThat(rotated.at("/decision/reason").asText()).startsWith("round robin: Sam");
        assertThat(s.assignee(second)).isEqualTo(sam.userId());
        assertThat(s.fx.count("SELECT count(*) FROM team_members WHERE team_id = ? AND last_assigned_at IS NOT NULL",
                s.team)).isEqualTo(2);

        // nobody online: it waits in the team's queue, and the decision says why
        s.presence(sam, "offline");
        s.presence(lee, "away");
        UUID third = s.conversation();
        JsonNode waiting = ok(post("/auto-assign", s.admin, body("conversationId", third)));
        assertDecision(waiting.get("decision"), "auto_assign", "round_robin", s.admin, null, null, "queued", null);
        assertThat(waiting.at("/decision/reason").asText()).contains("nobody in the team is available");
        assertThat(skipped(waiting.get("decision")))
                .containsExactlyInAnyOrder(sam.userId() + " offline", lee.userId() + " away");
        assertThat(waiting.at("/conversation/assignee/user").isNull()).isTrue();
        assertThat(s.assignee(third)).isNull();
        assertThat(s.queued(third)).isTrue();
        assertThat(s.history(third)).containsExactly("auto_assign:queued");
    }

    @Test
    void aBulkReassignmentMovesAllOrNothing() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "online");
        UUID a = s.held(sam, "active", "normal");
        UUID b = s.held(sam, "new", "normal");
        UUID lees = s.held(lee, "active", "normal");

        HttpAnswer notHeld = post("/reassign-bulk", s.admin, body("fromUserId", sam.userId(), "toUserId", lee.userId(),
                "conversationIds", List.of(a, lees)));
        assertThat(notHeld.status()).isEqualTo(409);
        assertThat(notHeld.problemType()).endsWith("/not-held");
        assertThat(notHeld.json().get("conversationIds")).extracting(JsonNode::asText).containsExactly(lees.toString());
        assertThat(List.of(s.assignee(a), s.assignee(lees))).containsExactly(sam.userId(), lee.userId());
        assertThat(s.decisions()).isZero();

        // an agent moves only their own
        HttpAnswer othersWork = post("/reassign-bulk", sam, body("fromUserId", lee.userId(), "toUserId", sam.userId(),
                "conversationIds", List.of(lees)));
        assertThat(othersWork.status()).isEqualTo(403);
        assertThat(s.assignee(lees)).isEqualTo(lee.userId());
        assertThat(s.decisions()).isZero();

        JsonNode moved = ok(post("/reassign-bulk", sam, body("fromUserId", sam.userId(), "toUserId", lee.userId(),
                "conversationIds", List.of(a, b))));
        assertThat(moved.get("requested").asInt()).isEqualTo(2);
        assertThat(moved.get("updated").asInt()).isEqualTo(2);
        assertThat(List.of(s.assignee(a), s.assignee(b))).containsOnly(lee.userId());
        assertThat(s.history(a)).containsExactly("bulk_reassign:assigned");
        assertThat(s.fx.count("SELECT count(*) FROM assignment_decisions WHERE organization_id = ? AND trigger = 'bulk_reassign'"
                + " AND actor_id = ? AND from_user_id = ? AND to_user_id = ?", s.org, sam.userId(), sam.userId(),
                lee.userId())).isEqualTo(2);
    }

    @Test
    void theAssignmentHistoryExplainsEveryDecisionOldestFirstInPages() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");
        Caller lee = s.member("Lee", "offline");
        UUID conversation = s.conversation();
        ok(post("/claim", sam, body("conversationId", conversation)));
        ok(post("/transfer", sam, body("conversationId", conversation, "toUserId", lee.userId(), "reason", "night shift")));
        // Lee is offline: the strategy takes it from her to Sam, and says so
        ok(post("/auto-assign", s.admin, body("conversationId", conversation)));

        JsonNode first = ok(call(request("GET", BASE + "/conversations/{id}/assignment-history").path("id", conversation)
                .query("limit", "2").as(sam)));
        assertThat(first.get("items")).hasSize(2);
        JsonNode claim = first.at("/items/0");
        assertDecision(claim, "claim", null, sam, null, sam, "assigned", "claimed by the agent");
        assertThat(claim.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(claim.get("teamId").asText()).isEqualTo(s.team.toString());
        assertDecision(first.at("/items/1"), "transfer", null, sam, sam, lee, "assigned", "transferred: night shift");
        assertThat(first.get("nextCursor").isTextual()).isTrue();

        JsonNode second = ok(call(request("GET", BASE + "/conversations/{id}/assignment-history").path("id", conversation)
                .query("limit", "2").query("cursor", first.get("nextCursor").asText()).as(sam)));
        assertThat(second.get("items")).hasSize(1);
        JsonNode auto = second.at("/items/0");
        assertDecision(auto, "auto_assign", "round_robin", s.admin, lee, sam, "assigned", null);
        assertThat(skipped(auto)).containsExactly(lee.userId() + " offline");
        assertThat(second.get("nextCursor").isNull()).isTrue();
        List<Instant> times = new ArrayList<>();
        for (JsonNode d : List.of(first.at("/items/0"), first.at("/items/1"), auto)) {
            times.add(Instant.parse(d.get("decidedAt").asText()));
        }
        assertThat(times).isSorted();
    }

    @Test
    void anAdminSetsAMembersSkillsSeniorityAndOwnCapacity() {
        TeamScenario s = new TeamScenario();
        Caller sam = s.member("Sam", "online");

        JsonNode set = ok(patchMember(s, sam, s.admin,
                "{\"skills\": [\"  Billing \", \"LANG:es\", \"billing\"], \"senior\": true, \"maxConversations\": 4}"));

        assertThat(set.get("teamId").asText()).isEqualTo(s.team.toString());
        assertThat(set.get("userId").asText()).isEqualTo(sam.userId().toString());
        assertThat(set.get("skills")).extracting(JsonNode::asText).containsExactly("billing", "lang:es");
        assertThat(set.get("senior").asBoolean()).isTrue();
        assertThat(set.get("maxConversations").asInt()).isEqualTo(4);
        assertThat(memberRow(s, sam)).isEqualTo("billing,lang:es true 4");

        // absent fields stay; the own capacity can be removed
        JsonNode cleared = ok(patchMember(s, sam, s.admin, "{\"clearMaxConversations\": true}"));
        assertThat(cleared.get("skills")).extracting(JsonNode::asText).containsExactly("billing", "lang:es");
        assertThat(cleared.get("senior").asBoolean()).isTrue();
        assertThat(cleared.get("maxConversations").isNull()).isTrue();
        assertThat(memberRow(s, sam)).isEqualTo("billing,lang:es true none");

        // the workload shows what routing now knows
        JsonNode agent = ok(call(request("GET", BASE + "/team/{teamId}/workload").path("teamId", s.team).as(sam)))
                .at("/agents/0");
        assertThat(agent.get("skills")).extracting(JsonNode::asText).containsExactly("billing", "lang:es");
        assertThat(agent.get("senior").asBoolean()).isTrue();
        assertThat(agent.get("capacity").asInt()).as("the team's default").isEqualTo(10);

        HttpAnswer byAgent = patchMember(s, sam, sam, "{\"senior\": false, \"maxConversations\": 50}");
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(memberRow(s, sam)).isEqualTo("billing,lang:es true none");
    }

    @Test
    void aConversationsRoutingIsSetAndAQueuedOneIsRoutedAgainAtOnce() {
        TeamScenario s = new TeamScenario().routing("{\"enabled\": true, \"strategy\": \"skill_based\","
                + " \"maxConversationsPerAgent\": 5, \"onlyOnline\": true, \"skillFallbackMinutes\": null}");
        Caller sam = s.member("Sam", "online");
        ok(patchMember(s, sam, s.admin, "{\"skills\": [\"billing\"]}"));
        UUID conversation = s.conversation();

        JsonNode spanish = ok(putRouting(sam, conversation,
                "{\"requiredSkills\": [\" Spanish \", \"Refunds\", \"lang:ES\", \"billing\", \"refunds\"]}"));
        assertThat(spanish.get("conversationId").asText()).isEqualTo(conversation.toString());
        assertThat(spanish.get("teamId").asText()).isEqualTo(s.team.toString());
        assertThat(spanish.get("priority").asText()).isEqualTo("normal");
        assertThat(spanish.get("requiredSkills")).as("trimmed, lower-case, once each, in order")
                .extracting(JsonNode::asText).containsExactly("billing", "lang:es", "refunds", "spanish");
        assertThat(spanish.get("queued").asBoolean()).isFalse();

        JsonNode nobody = ok(post("/auto-assign", sam, body("conversationId", conversation))).get("decision");
        assertThat(nobody.get("outcome").asText()).isEqualTo("queued");
        assertThat(skipped(nobody)).containsExactly(sam.userId() + " missing_skills");
        assertThat(s.queued(conversation)).isTrue();

        JsonNode billing = ok(putRouting(sam, conversation, "{\"priority\": \"urgent\", \"requiredSkills\": [\"Billing\"]}"));

        assertThat(billing.get("priority").asText()).isEqualTo("urgent");
        assertThat(billing.get("requiredSkills")).extracting(JsonNode::asText).containsExactly("billing");
        assertThat(billing.get("queued").asBoolean()).isFalse();
        assertThat(s.assignee(conversation)).isEqualTo(sam.userId());
        assertThat(s.queued(conversation)).isFalse();
        assertThat(s.history(conversation)).containsExactly("auto_assign:queued", "drain:assigned");
        assertThat(s.fx.one("SELECT priority || ' ' || array_to_string(r.required_skills, ',') FROM conversations c"
                + " JOIN conversation_routing r ON r.conversation_id = c.id WHERE c.id = ?", conversation))
                .isEqualTo("urgent billing");
    }

    // ------------------------------------------------------------------ helpers

    private static List<UUID> inbox(TeamScenario s, Caller who, Map<String, String> query) {
        return ids(ok(call(request("GET", BASE + "/team/{teamId}").path("teamId", s.team).query(query).as(who))));
    }

    private static List<UUID> ids(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false)
                .map(item -> UUID.fromString(item.get("id").asText())).toList();
    }

    static HttpAnswer post(String route, Caller who, String body) {
        return call(request("POST", BASE + route).body(body).as(who));
    }

    private static HttpAnswer patchMember(TeamScenario s, Caller member, Caller who, String body) {
        return call(request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", s.team)
                .path("userId", member.userId()).body(body).as(who));
    }

    private static HttpAnswer putRouting(Caller who, UUID conversation, String body) {
        HttpEvents put = request("PUT", BASE + "/conversations/{id}/routing").path("id", conversation).body(body).as(who);
        return call(put);
    }

    private static String memberRow(TeamScenario s, Caller member) {
        return s.fx.one("SELECT array_to_string(skills, ',') || ' ' || senior || ' '"
                + " || coalesce(max_concurrent_conversations::text, 'none') FROM team_members WHERE team_id = ? AND user_id = ?",
                s.team, member.userId());
    }

    /** A JSON object of name/value pairs; ids and lists are written as JSON writes them. */
    static String body(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], pairs[i + 1]);
        }
        return Json.write(fields);
    }

    static JsonNode ok(HttpAnswer answer) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        return answer.json();
    }

    /** Each skipped member as {@code "<userId> <reason>"}. */
    private static List<String> skipped(JsonNode decision) {
        return StreamSupport.stream(decision.get("skipped").spliterator(), false)
                .map(k -> k.get("userId").asText() + " " + k.get("reason").asText()).toList();
    }

    /** The decision's fields; a null expectation means JSON null ({@code reason}: not checked). */
    private static void assertDecision(JsonNode d, String trigger, String strategy, Caller actor, Caller from, Caller to,
                                       String outcome, String reason) {
        assertThat(d.get("trigger").asText()).isEqualTo(trigger);
        assertThat(text(d.get("strategy"))).as("strategy").isEqualTo(strategy);
        assertThat(text(d.get("actorId"))).as("actorId").isEqualTo(actor == null ? null : actor.userId().toString());
        assertThat(text(d.get("fromUserId"))).as("fromUserId").isEqualTo(from == null ? null : from.userId().toString());
        assertThat(text(d.get("toUserId"))).as("toUserId").isEqualTo(to == null ? null : to.userId().toString());
        assertThat(d.get("outcome").asText()).isEqualTo(outcome);
        if (reason != null) {
            assertThat(d.get("reason").asText()).isEqualTo(reason);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
