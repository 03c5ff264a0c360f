package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Organization B, even as an admin, can neither see nor touch anything of organization A through any route. */
class TenantIsolationTest {
    static final Set<String> COVERED = Set.of(
            "GET /api/inbox/conversations",
            "POST /api/inbox/conversations",
            "GET /api/inbox/conversations/search",
            "POST /api/inbox/conversations/bulk-assign",
            "POST /api/inbox/conversations/bulk-label",
            "GET /api/inbox/conversations/{id}",
            "PATCH /api/inbox/conversations/{id}/assign",
            "PATCH /api/inbox/conversations/{id}/status",
            "POST /api/inbox/conversations/{id}/labels",
            "DELETE /api/inbox/conversations/{id}/labels/{labelId}",
            "POST /api/inbox/conversations/{id}/notes",
            "GET /api/inbox/conversations/{id}/notes",
            "PATCH /api/inbox/conversations/{id}/read",
            "POST /api/inbox/notes",
            "DELETE /api/inbox/notes/{id}",
            "GET /api/inbox/mentions",
            "PATCH /api/inbox/mentions/{noteId}/read",
            "POST /api/inbox/mentions/read-all");

    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();

    private UUID orgA;
    private Caller agentA;
    private UUID contactA;
    private UUID labelA;
    private UUID conversationA;
    private UUID noteA;
    private Caller adminB;
    private UUID labelB;

    @BeforeEach
    void givenTwoOrganizations() {
        orgA = fx.organization("Acme");
        agentA = fx.user(orgA, "Sam", Role.AGENT);
        fx.channelConnection(orgA, "whatsapp");
        contactA = fx.contact(orgA, "Zebediah Quartermaine", "whatsapp", "447700900555");
        labelA = fx.label(orgA, "VIP", "#FFD700");
        conversationA = fx.conversation(orgA, contactA, "whatsapp",
                ConversationSpec.open(Instant.parse("2026-11-01T09:00:00Z")).labels(labelA));
        fx.inboundMessage(orgA, conversationA, "xylophone delivery question", Instant.parse("2026-11-01T09:01:00Z"));
        noteA = UUID.fromString(call(request("POST", "/api/inbox/notes").as(agentA).body("{\"conversationId\":\""
                + conversationA + "\",\"content\":\"Zebediah prefers calls\",\"mentions\":[\"" + agentA.userId() + "\"]}"))
                .json().path("id").asText());

        UUID orgB = fx.organization("Globex");
        adminB = fx.user(orgB, "Gus", Role.ADMIN);
        labelB = fx.label(orgB, "Mine", "#000000");
        fx.channelConnection(orgB, "whatsapp");
    }

    /** Everything organization A owns, as one comparable value. */
    private Map<String, Long> snapshotOfA() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("conversations", fx.count("SELECT count(*) FROM conversations WHERE organization_id = ?", orgA));
        counts.put("unchanged", fx.count("SELECT count(*) FROM conversations WHERE organization_id = ? AND status = 'new'"
                + " AND assignee_user_id IS NULL AND assignee_team_id IS NULL AND updated_at = created_at", orgA));
        counts.put("labels", fx.count("SELECT count(*) FROM conversation_labels WHERE conversation_id = ?", conversationA));
        counts.put("notes", fx.count("SELECT count(*) FROM notes WHERE conversation_id = ?", conversationA));
        counts.put("live notes", fx.count("SELECT count(*) FROM notes WHERE conversation_id = ? AND deleted_at IS NULL",
                conversationA));
        counts.put("unread mentions", fx.count("SELECT count(*) FROM note_mentions WHERE conversation_id = ? AND read_at IS NULL",
                conversationA));
        counts.put("reads", fx.count("SELECT count(*) FROM conversation_reads WHERE conversation_id = ?", conversationA));
        counts.put("messages", fx.count("SELECT count(*) FROM messages WHERE conversation_id = ?", conversationA));
        return counts;
    }

    private HttpEvents asB(String method, String template) {
        return request(method, template).as(adminB);
    }

    @Test
    void organizationBSeesNothingOfA() {
        for (String view : new String[] {"all", "unassigned", "mine", "team", "mentions"}) {
            HttpAnswer answer = call(asB("GET", BASE).query("view", view));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("items").size()).as(view).isZero();
        }
        assertThat(call(asB("GET", BASE).query("labels", labelA.toString())).json().path("items").size()).isZero();
        for (String q : new String[] {"Zebediah", "447700900555", "xylophone"}) {
            HttpAnswer answer = call(asB("GET", BASE + "/search").query("q", q));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("items").size()).as(q).isZero();
        }
        HttpAnswer detail = call(asB("GET", BASE + "/{id}").path("id", conversationA));
        assertThat(detail.status()).isEqualTo(404);
        assertThat(detail.json().toString()).doesNotContain("Zebediah");
        HttpAnswer notes = call(asB("GET", BASE + "/{id}/notes").path("id", conversationA));
        assertThat(notes.status()).isEqualTo(404);
        assertThat(notes.json().toString()).doesNotContain("Zebediah");
        HttpAnswer mentions = call(asB("GET", "/api/inbox/mentions"));
        assertThat(mentions.status()).isEqualTo(200);
        assertThat(mentions.json().path("items").size()).isZero();
    }

    @Test
    void organizationBChangesNothingOfA() {
        Map<String, Long> before = snapshotOfA();
        String id = conversationA.toString();
        Map<HttpEvents, Integer> attempts = new LinkedHashMap<>();
        attempts.put(asB("PATCH", BASE + "/{id}/assign").path("id", id)
                .body("{\"assigneeId\":\"" + adminB.userId() + "\",\"assigneeType\":\"user\"}"), 404);
        attempts.put(asB("PATCH", BASE + "/{id}/status").path("id", id).body("{\"status\":\"closed\"}"), 404);
        attempts.put(asB("POST", BASE + "/{id}/labels").path("id", id).body("{\"labelIds\":[\"" + labelB + "\"]}"), 404);
        attempts.put(asB("DELETE", BASE + "/{id}/labels/{labelId}").path("id", id).path("labelId", labelA), 404);
        attempts.put(asB("POST", BASE + "/{id}/notes").path("id", id).body("{\"content\":\"hello\"}"), 404);
        attempts.put(asB("PATCH", BASE + "/{id}/read").path("id", id), 404);
        attempts.put(asB("POST", "/api/inbox/notes").body("{\"conversationId\":\"" + id + "\",\"content\":\"hello\"}"), 404);
        attempts.put(asB("DELETE", "/api/inbox/notes/{id}").path("id", noteA), 404);
        attempts.put(asB("PATCH", "/api/inbox/mentions/{noteId}/read").path("noteId", noteA), 404);
        // nor can A's agent mention B's admin: a user of another organization is no agent of A's
        attempts.put(request("POST", "/api/inbox/notes").as(agentA).body("{\"conversationId\":\"" + id
                + "\",\"content\":\"hello\",\"mentions\":[\"" + adminB.userId() + "\"]}"), 422);
        attempts.put(asB("POST", BASE + "/bulk-assign")
                .body("{\"conversationIds\":[\"" + id + "\"],\"assigneeId\":\"" + adminB.userId() + "\"}"), 422);
        attempts.put(asB("POST", BASE + "/bulk-label")
                .body("{\"conversationIds\":[\"" + id + "\"],\"labelIds\":[\"" + labelB + "\"]}"), 422);
        attempts.put(asB("POST", BASE).body("{\"contactId\":\"" + contactA + "\",\"channel\":\"whatsapp\"}"), 422);
        // A's own agent cannot pull B's label onto A's conversation either.
        attempts.put(request("POST", BASE + "/{id}/labels").as(agentA).path("id", id)
                .body("{\"labelIds\":[\"" + labelB + "\"]}"), 422);
        attempts.forEach((attempt, expected) -> {
            HttpAnswer answer = call(attempt);
            assertThat(answer.status()).as(attempt.build().getRouteKey()).isEqualTo(expected);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        });
        HttpAnswer readAll = call(asB("POST", "/api/inbox/mentions/read-all"));
        assertThat(readAll.status()).isEqualTo(200);
        assertThat(readAll.json().path("markedRead").asInt()).isZero();
        assertThat(snapshotOfA()).isEqualTo(before);
        assertThat(fx.count("SELECT count(*) FROM conversations WHERE contact_id = ?", contactA)).isEqualTo(1);
    }
}
