package com.unifiedbeez.inbox.functions.team;

import static com.unifiedbeez.inbox.functions.team.TeamHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on every team route is a precise 4xx problem+json that changes nothing: no assignee
 * moves, no decision is recorded, no row of the organization changes (checked after each case).
 * Field validation is 422 {@code validation-failed} naming the field (the project's
 * {@code ApiException.invalid}); unreadable JSON 400; an unknown or non-UUID id in the path or an
 * unknown conversation named in the body 404; a conversation in the wrong state 409.
 */
class BadInputTest {
    private static final String BASE = "/api/inbox";

    private final TeamScenario s = new TeamScenario();
    private Caller sam;
    private Caller lee;
    private Caller kim;
    private Caller dee;
    private Caller stranger;
    private UUID open;
    private UUID held;
    private UUID resolved;
    private UUID teamless;
    private DatabaseSnapshot before;
    private long decisions;

    @BeforeEach
    void given() {
        sam = s.member("Sam", "online");
        lee = s.member("Lee", "online");
        kim = s.agent("Kim"); // of the organization, in no team
        dee = s.member("Dee", "online");
        s.fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", dee.userId());
        UUID otherOrg = s.fx.organization("Globex " + UUID.randomUUID());
        stranger = s.fx.user(otherOrg, "Gus", Role.AGENT);
        open = s.conversation();
        held = s.held(sam, "active", "normal");
        resolved = s.held(sam, "resolved", "normal");
        teamless = s.conversation(ConversationSpec.open(s.next()));
        before = DatabaseSnapshot.of(s.org);
        decisions = s.decisions();
    }

    @AfterEach
    void nothingChanged() {
        assertThat(List.of(String.valueOf(s.assignee(open)), String.valueOf(s.assignee(held)),
                String.valueOf(s.assignee(resolved)), String.valueOf(s.assignee(teamless))))
                .as("assignees").containsExactly("null", sam.userId().toString(), sam.userId().toString(), "null");
        assertThat(s.decisions()).as("decisions").isEqualTo(decisions);
        assertThat(DatabaseSnapshot.of(s.org)).as("rows of the organization").isEqualTo(before);
    }

    /** A body route of the group, called by Sam (a member holding {@code $held}) or, for a member's routing, the admin. */
    private HttpEvents route(String route) {
        return switch (route) {
            case "member" -> request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", s.team)
                    .path("userId", sam.userId()).as(s.admin);
            case "routing" -> request("PUT", BASE + "/conversations/{id}/routing").path("id", open).as(sam);
            default -> request("POST", BASE + "/" + route).as(sam);
        };
    }

    private String fill(String json) {
        return json.replace("$open", open.toString()).replace("$held", held.toString())
                .replace("$resolved", resolved.toString()).replace("$teamless", teamless.toString())
                .replace("$sam", sam.userId().toString()).replace("$lee", lee.userId().toString())
                .replace("$kim", kim.userId().toString()).replace("$dee", dee.userId().toString())
                .replace("$stranger", stranger.userId().toString()).replace("$unknown", UUID.randomUUID().toString())
                .replace("$long", "x".repeat(1001)).replace("$skill61", "s".repeat(61))
                .replace("$skills21", strings(21)).replace("$skills51", strings(51))
                .replace('\'', '"');
    }

    private static String strings(int n) {
        return IntStream.range(0, n).mapToObj(i -> "\"skill" + i + "\"").collect(Collectors.joining(","));
    }

    private static void assertInvalid(HttpAnswer answer, String field) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).endsWith("/validation-failed");
        assertThat(StreamSupport.stream(answer.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asText())).as(answer.json().toString()).contains(field);
    }

    private static void assertProblem(HttpAnswer answer, int status, String type) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.problemType()).endsWith("/" + type);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            // missing and malformed ids
            "assign        |{}                                                              |conversationId",
            "assign        |{'assignToUserId':'$lee'}                                       |conversationId",
            "assign        |{'conversationId':'nope','assignToUserId':'$lee'}               |conversationId",
            "assign        |{'conversationId':'$open'}                                      |assignToUserId",
            "assign        |{'conversationId':'$open','assignToUserId':'nope'}              |assignToUserId",
            "assign        |{'conversationId':['$open'],'assignToUserId':'$lee'}            |conversationId",
            "assign        |{'conversationId':'$open','assignToUserId':'$lee','priority':1} |priority",
            "claim         |{}                                                              |conversationId",
            "claim         |{'conversationId':null}                                         |conversationId",
            "claim         |{'conversationId':'not-a-uuid'}                                 |conversationId",
            "claim         |{'conversationId':'$open\\u0000'}                               |conversationId",
            "transfer      |{'conversationId':'$held'}                                      |toUserId",
            "transfer      |{'toUserId':'$lee'}                                             |conversationId",
            "auto-assign   |{'strategy':'round_robin'}                                      |conversationId",
            "reassign-bulk |{}                                                              |fromUserId",
            "reassign-bulk |{}                                                              |toUserId",
            "reassign-bulk |{}                                                              |conversationIds",
            "reassign-bulk |{'fromUserId':'nope','toUserId':'$lee','conversationIds':['$held']}  |fromUserId",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$lee','conversationIds':[]}         |conversationIds",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$lee','conversationIds':['nope']}   |conversationIds[0]",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$lee','conversationIds':['$held','$unknown']} |conversationIds",
            // the recipient: outside the team, deactivated, of another organization
            "assign        |{'conversationId':'$open','assignToUserId':'$kim'}              |assignToUserId",
            "assign        |{'conversationId':'$open','assignToUserId':'$dee'}              |assignToUserId",
            "assign        |{'conversationId':'$open','assignToUserId':'$stranger'}         |assignToUserId",
            "assign        |{'conversationId':'$open','assignToUserId':'$unknown'}          |assignToUserId",
            "transfer      |{'conversationId':'$held','toUserId':'$kim'}                    |toUserId",
            "transfer      |{'conversationId':'$held','toUserId':'$dee'}                    |toUserId",
            "transfer      |{'conversationId':'$held','toUserId':'$stranger'}               |toUserId",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$kim','conversationIds':['$held']}      |toUserId",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$dee','conversationIds':['$held']}      |toUserId",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$stranger','conversationIds':['$held']} |toUserId",
            // the rest of each body
            "transfer      |{'conversationId':'$held','toUserId':'$lee','reason':'$long'}   |reason",
            "auto-assign   |{'conversationId':'$open','strategy':'fastest'}                 |strategy",
            "auto-assign   |{'conversationId':'$open','strategy':'ROUND_ROBIN'}             |strategy",
            "auto-assign   |{'conversationId':'$open','strategy':''}                        |strategy",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$sam','conversationIds':['$held']}      |toUserId",
            "routing       |{'priority':'asap'}                                             |priority",
            "routing       |{'requiredSkills':['']}                                         |requiredSkills",
            "routing       |{'requiredSkills':['$skill61']}                                 |requiredSkills",
            "routing       |{'requiredSkills':[$skills21]}                                  |requiredSkills",
            "routing       |{'requiredSkills':'billing'}                                    |requiredSkills",
            "routing       |{'priority':'high','colour':'red'}                              |colour",
            "member        |{'maxConversations':-1}                                         |maxConversations",
            "member        |{'maxConversations':1001}                                       |maxConversations",
            "member        |{'maxConversations':'4'}                                        |maxConversations",
            "member        |{'maxConversations':3,'clearMaxConversations':true}             |clearMaxConversations",
            "member        |{'skills':['']}                                                 |skills",
            "member        |{'skills':['   ']}                                              |skills",
            "member        |{'skills':['$skill61']}                                         |skills",
            "member        |{'skills':[$skills51]}                                          |skills",
            "member        |{'senior':'yes'}                                                |senior",
    })
    void anInvalidFieldIsA422NamingIt(String route, String body, String field) {
        assertInvalid(call(route(route.strip()).body(fill(body.strip()))), field.strip());
    }

    @Test
    void moreThan500ConversationsAtOnceIsA422() {
        String ids = IntStream.range(0, 501).mapToObj(i -> "'" + UUID.randomUUID() + "'").collect(Collectors.joining(","));
        assertInvalid(call(route("reassign-bulk").body(fill("{'fromUserId':'$sam','toUserId':'$lee','conversationIds':["
                + ids + "]}"))), "conversationIds");
    }

    /** The conversation's state forbids it: 409 with the state named. */
    @ParameterizedTest(name = "{0} {1} as {2}: {3}")
    @CsvSource(delimiter = '|', value = {
            "claim         |{'conversationId':'$resolved'}                                  |sam |conversation-not-open",
            "claim         |{'conversationId':'$held'}                                      |lee |already-assigned",
            "auto-assign   |{'conversationId':'$resolved'}                                  |sam |conversation-not-open",
            "auto-assign   |{'conversationId':'$teamless'}                                  |sam |no-team",
            "transfer      |{'conversationId':'$resolved','toUserId':'$lee'}                |sam |conversation-not-open",
            "transfer      |{'conversationId':'$held','toUserId':'$sam'}                    |sam |already-assigned",
            "assign        |{'conversationId':'$held','assignToUserId':'$sam'}              |lee |already-assigned",
            "reassign-bulk |{'fromUserId':'$sam','toUserId':'$lee','conversationIds':['$held','$open']} |sam |not-held",
    })
    void aConversationInTheWrongStateIs409(String route, String body, String caller, String type) {
        Caller who = switch (caller.strip()) {
            case "lee" -> lee;
            default -> sam;
        };
        assertProblem(call(route(route.strip()).as(who).body(fill(body.strip()))), 409, type.strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "assign      |{'conversationId':'$unknown','assignToUserId':'$lee'}",
            "claim       |{'conversationId':'$unknown'}",
            "transfer    |{'conversationId':'$unknown','toUserId':'$lee'}",
            "auto-assign |{'conversationId':'$unknown'}",
    })
    void anUnknownConversationInTheBodyIs404(String route, String body) {
        assertProblem(call(route(route.strip()).body(fill(body.strip()))), 404, "not-found");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET   |/team/{teamId}                            |nope     |",
            "GET   |/team/{teamId}                            |unknown  |",
            "GET   |/team/{teamId}/workload                   |nope     |",
            "GET   |/team/{teamId}/workload                   |unknown  |",
            "GET   |/conversations/{id}/assignment-history    |nope     |",
            "GET   |/conversations/{id}/assignment-history    |unknown  |",
            "PUT   |/conversations/{id}/routing               |nope     |{'priority':'high'}",
            "PUT   |/conversations/{id}/routing               |unknown  |{'priority':'high'}",
            "PATCH |/team/{teamId}/members/{userId}           |nope     |{'senior':true}",
            "PATCH |/team/{teamId}/members/{userId}           |unknown  |{'senior':true}",
    })
    void anUnknownOrMalformedIdInThePathIs404(String method, String template, String id, String body) {
        String value = id.strip().equals("unknown") ? UUID.randomUUID().toString() : id.strip();
        HttpEvents event = request(method.strip(), BASE + template.strip()).as(s.admin);
        if (template.contains("{teamId}")) {
            event.path("teamId", value).path("userId", sam.userId());
        } else {
            event.path("id", value);
        }
        if (body != null) {
            event.body(fill(body.strip()));
        }
        assertProblem(call(event), 404, "not-found");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nope", "kim", "stranger", "unknown"})
    void aMemberPathThatIsNoMemberOfTheTeamIs404(String who) {
        String userId = switch (who) {
            case "kim" -> kim.userId().toString();
            case "stranger" -> stranger.userId().toString();
            case "unknown" -> UUID.randomUUID().toString();
            default -> who;
        };
        assertProblem(call(request("PATCH", BASE + "/team/{teamId}/members/{userId}").path("teamId", s.team)
                .path("userId", userId).body("{\"senior\": true}").as(s.admin)), 404, "not-found");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "status   |bogus", "assignee |someone", "priority |asap", "channel  |fax", "labels   |nope",
            "limit    |0", "limit    |101", "limit    |ten", "cursor   |garbage",
    })
    void aBadTeamInboxQueryIsA422NamingTheParameter(String parameter, String value) {
        assertInvalid(call(request("GET", BASE + "/team/{teamId}").path("teamId", s.team)
                .query(parameter.strip(), value.strip()).as(sam)), parameter.strip());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {"limit |0", "limit |101", "limit |+5", "cursor |garbage"})
    void aBadHistoryQueryIsA422NamingTheParameter(String parameter, String value) {
        assertInvalid(call(request("GET", BASE + "/conversations/{id}/assignment-history").path("id", held)
                .query(parameter.strip(), value.strip()).as(sam)), parameter.strip());
    }

    static List<String> bodyRoutes() {
        return Arrays.asList("assign", "claim", "transfer", "auto-assign", "reassign-bulk", "routing", "member");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodyRoutes")
    void malformedJsonIsA400(String route) {
        HttpAnswer truncated = call(route(route).body("{\"conversationId\": \"" + open + "\", "));
        assertProblem(truncated, 400, "malformed-json");
        assertThat(truncated.json().path("detail").asText()).matches("malformed JSON at line \\d+, column \\d+");
        assertProblem(call(route(route).body(fill("{'conversationId':'$open'} {}"))), 400, "malformed-json");
        assertProblem(call(route(route).body("[\"" + open + "\"]")), 400, "bad-request");
        assertProblem(call(route(route)), 400, "bad-request");
    }
}
