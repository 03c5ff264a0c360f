package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input on every conversations route is a precise 4xx that changes nothing: NUL and unpaired
 * surrogates in any string or query value, trailing garbage, invalid UTF-8, non-ASCII numbers and
 * forged cursors. Each case also checks that the organization's rows are untouched.
 */
class BadInputTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private UUID org;
    private Caller sam;
    private Caller lee;
    private UUID team;
    private UUID contact;
    private UUID conversation;
    private UUID label;
    private DatabaseSnapshot before;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam Agent", Role.AGENT);
        lee = fx.user(org, "Lee Agent", Role.AGENT);
        team = fx.team(org, "Support", sam);
        fx.channelConnection(org, "whatsapp");
        fx.channelConnection(org, "sms");
        contact = fx.contact(org, "Alice", "whatsapp", "4477009" + UUID.randomUUID().toString().substring(0, 5));
        conversation = fx.conversation(org, contact, "whatsapp",
                ConversationSpec.open(Instant.parse("2026-11-01T09:00:00Z")).assignedTo(sam.userId()).team(team));
        label = fx.label(org, "VIP", "#FFD700");
        before = DatabaseSnapshot.of(org);
    }

    @AfterEach
    void nothingChanged() {
        if (before != null) {
            assertThat(DatabaseSnapshot.of(org)).as("rows of the organization").isEqualTo(before);
        }
    }

    /** A route of the group: {@code template} under the conversations base, or whole when it starts with /api. */
    private HttpEvents route(String method, String template) {
        HttpEvents event = request(method, template.startsWith("/api/") ? template : BASE + template).as(sam);
        if (template.contains("{id}")) {
            event.path("id", conversation);
        }
        return event;
    }

    private String fill(String json) {
        return json.replace("$conv", conversation.toString()).replace("$contact", contact.toString())
                .replace("$label", label.toString()).replace("$user", lee.userId().toString()).replace('\'', '"');
    }

    private static void assertInvalid(HttpAnswer answer, String field) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(StreamSupport.stream(answer.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asText())).as(answer.json().toString()).contains(field);
    }

    /** A body with NUL ("\u0000" in JSON) in one string field: 422 naming that field. */
    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(delimiter = '|', value = {
            "POST |''              |{'contactId':'$contact','channel':'sms','initialMessage':'hi\\u0000'}   |initialMessage",
            "POST |''              |{'contactId':'$contact\\u0000','channel':'sms'}                         |contactId",
            "POST |''              |{'contactId':'$contact','channel':'sms\\u0000'}                         |channel",
            "POST |/{id}/notes     |{'content':'note\\u0000'}                                               |content",
            "POST |/{id}/notes     |{'content':'note','mentions':['$user\\u0000']}                          |mentions[0]",
            "PATCH|/{id}/assign    |{'assigneeId':'$user\\u0000','assigneeType':'user'}                     |assigneeId",
            "PATCH|/{id}/assign    |{'assigneeId':'$user','assigneeType':'user\\u0000'}                     |assigneeType",
            "PATCH|/{id}/status    |{'status':'resolved\\u0000'}                                            |status",
            "POST |/{id}/labels    |{'labelIds':['$label','\\u0000']}                                       |labelIds[1]",
            "POST |/bulk-assign    |{'conversationIds':['$conv\\u0000'],'assigneeId':'$user'}               |conversationIds[0]",
            "POST |/bulk-label     |{'conversationIds':['$conv'],'labelIds':['$label\\u0000']}              |labelIds[0]",
            "POST |/api/inbox/notes|{'conversationId':'$conv\\u0000','content':'note'}                       |conversationId",
            "POST |/api/inbox/notes|{'conversationId':'$conv','content':'note\\u0000'}                       |content",
            "POST |/api/inbox/notes|{'conversationId':'$conv','content':'n','mentions':['$user\\u0000']}     |mentions[0]",
    })
    void nulInAJsonStringIsA422NamingTheField(String method, String template, String body, String field) {
        assertInvalid(call(route(method.strip(), template.strip()).body(fill(body.strip()))), field.strip());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'content':'\\ud800'}", "{'content':'a\\udfff'}", "{'content':'\uDBFF b'}"})
    void anUnpairedSurrogateInANoteIsA422(String body) {
        assertInvalid(call(route("POST", "/{id}/notes").body(fill(body))), "content");
    }

    /** NUL in any query value: 422 naming the parameter. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "''      |view", "''      |status", "''      |channel", "''      |assignee", "''      |labels",
            "''      |teamId", "''      |priority", "''      |limit", "''      |cursor",
            "/search |q", "/search |status", "/search |cursor",
            "/{id}/notes |limit", "/{id}/notes |cursor",
            "/api/inbox/mentions |unreadOnly", "/api/inbox/mentions |limit", "/api/inbox/mentions |cursor",
    })
    void nulInAQueryValueIsA422NamingTheParameter(String template, String parameter) {
        HttpEvents event = route("GET", template.strip()).query(parameter.strip(), "x\u0000");
        if (template.strip().equals("/search") && !parameter.strip().equals("q")) {
            event.query("q", "alice");
        }
        assertInvalid(call(event), parameter.strip());
    }

    /** Today a note with trailing garbage is created; it must be refused whole. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'content':'x'} xyz", "{'content':'x'}{'content':'y'}", "{'content':'x'}}", "{'content':'x'} null"})
    void aNoteWithTrailingGarbageIsA400AndNotCreated(String body) {
        HttpAnswer answer = call(route("POST", "/{id}/notes").body(fill(body)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).matches("malformed JSON at line \\d+, column \\d+");
        assertThat(fx.count("SELECT count(*) FROM notes WHERE conversation_id = ?", conversation)).isZero();
    }

    @Test
    void invalidUtf8InANoteIsA400() {
        byte[] body = "{\"content\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1); // é as one Latin-1 byte
        HttpAnswer answer = HandlerHarness.call(route("POST", "/{id}/notes").base64Body(body).build());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).contains("UTF-8");
    }

    @ParameterizedTest(name = "{0} limit={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``      |١٢", "``      |+5", "``      |` 5`", "``      |5.0", "``      |1e2", "``      |99999999999999999999",
            "``      |۵", "/search |+5", "/search |٥", "/search |-1",
    })
    void aLimitThatIsNotAsciiDigitsIsA422(String template, String limit) {
        assertInvalid(call(route("GET", template.strip()).query("q", "alice").query("limit", limit)), "limit");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-9223372036854775808|00000000-0000-0000-0000-000000000000",
            "9223372036854775807|00000000-0000-0000-0000-000000000000", "٣|00000000-0000-0000-0000-000000000000",
            "1|not-a-uuid", "no bar", "1|"})
    void aForgedCursorIsA422(String raw) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertInvalid(call(route("GET", "").query("cursor", cursor)), "cursor");
        assertInvalid(call(route("GET", "/search").query("q", "alice").query("cursor", cursor)), "cursor");
        assertInvalid(call(route("GET", "/{id}/notes").query("cursor", cursor)), "cursor");
        assertInvalid(call(route("GET", "/api/inbox/mentions").query("cursor", cursor)), "cursor");
    }

    @ParameterizedTest(name = "{0} limit={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/{id}/notes         |١٢", "/{id}/notes         |0", "/{id}/notes         |101",
            "/api/inbox/mentions |+5", "/api/inbox/mentions |0", "/api/inbox/mentions |101",
    })
    void aNotesOrMentionsLimitOutOfBoundsIsA422(String template, String limit) {
        assertInvalid(call(route("GET", template.strip()).query("limit", limit)), "limit");
    }

    @ParameterizedTest(name = "unreadOnly={0}")
    @ValueSource(strings = {"maybe", "TRUE", "1", "yes", "true "})
    void unreadOnlyIsTrueOrFalse(String value) {
        assertInvalid(call(route("GET", "/api/inbox/mentions").query("unreadOnly", value)), "unreadOnly");
    }

    /** POST /notes names its conversation in the body: required and a UUID (422), and known (404). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'content':'hi'}                                    |conversationId",
            "{'conversationId':null,'content':'hi'}              |conversationId",
            "{'conversationId':'nope','content':'hi'}            |conversationId",
            "{'conversationId':'$conv'}                          |content",
            "{'conversationId':'$conv','content':''}             |content",
            "{'conversationId':'$conv','content':'   '}          |content",
            "{'conversationId':'$conv','content':'hi','mentions':['nope']}            |mentions[0]",
            "{'conversationId':'$conv','content':'hi','mentions':['$conv']}           |mentions",
            "{'conversationId':'$conv','content':'hi','conversation':'$conv'}         |conversation",
    })
    void aNoteByBodyNeedsAConversationIdContentAndAgents(String body, String field) {
        assertInvalid(call(route("POST", "/api/inbox/notes").body(fill(body.strip()))), field.strip());
    }

    @Test
    void aNoteOnAnUnknownConversationIs404() {
        HttpAnswer answer = call(route("POST", "/api/inbox/notes")
                .body("{\"conversationId\":\"" + UUID.randomUUID() + "\",\"content\":\"hi\"}"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.problemType()).endsWith("/not-found");
    }

    @Test
    void aNoteTooLongIsA422() {
        String body = "{\"conversationId\":\"" + conversation + "\",\"content\":\"" + "x".repeat(10_001) + "\"}";
        assertInvalid(call(route("POST", "/api/inbox/notes").body(body)), "content");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET   |/api/inbox/conversations/{id}/notes |id",
            "DELETE|/api/inbox/notes/{id}               |id",
            "PATCH |/api/inbox/mentions/{noteId}/read   |noteId",
    })
    void anIdThatIsNoUuidIs404(String method, String template, String parameter) {
        HttpAnswer answer = call(request(method.strip(), template.strip()).as(sam).path(parameter.strip(), "not-a-uuid"));
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'conversationId':'$conv','content':'x'} xyz", "{'conversationId':'$conv','content':'x'}}"})
    void aNoteByBodyWithTrailingGarbageIsA400(String body) {
        HttpAnswer answer = call(route("POST", "/api/inbox/notes").body(fill(body)));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("detail").asText()).matches("malformed JSON at line \\d+, column \\d+");
    }

    /** README: {@code assigneeId: null} unassigns; without a type it is the agent (the team stays). */
    @Test
    void aNullAssigneeUnassignsTheAgent() {
        before = null; // this one changes the conversation
        HttpAnswer answer = call(route("PATCH", "/{id}/assign").body("{\"assigneeId\":null}"));
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        assertThat(answer.json().path("assignee").path("user").isNull()).isTrue();
        assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND assignee_user_id IS NULL"
                + " AND assignee_team_id = ?", conversation, team)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user", "team"})
    void aNullAssigneeOfAKindUnassignsThatKind(String type) {
        before = null;
        HttpAnswer answer = call(route("PATCH", "/{id}/assign").body("{\"assigneeId\":null,\"assigneeType\":\"" + type + "\"}"));
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        String column = type.equals("user") ? "assignee_user_id" : "assignee_team_id";
        assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND " + column + " IS NULL", conversation)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{'assigneeId':null,'assigneeType':'bot'}", "{'assigneeId':'$user'}", "{'assigneeType':null,'assigneeId':'$user'}"})
    void anAssigneeStillNeedsAKnownType(String body) {
        assertInvalid(call(route("PATCH", "/{id}/assign").body(fill(body))), "assigneeType");
    }
}
