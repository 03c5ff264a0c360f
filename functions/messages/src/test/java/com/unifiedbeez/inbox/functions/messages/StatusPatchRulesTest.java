package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PATCH /api/inbox/messages/:id/status: delivery status comes from the platforms. A client may mark
 * an inbound message read, or record that its own sent message failed; nothing else, and nothing
 * on a deleted message.
 */
class StatusPatchRulesTest {
    private static final String PATH = "/api/inbox/messages/{id}/status";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private UUID org;
    private Map<String, Caller> people;
    private UUID conversation;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        people = Map.of(
                "sam", fx.user(org, "Sam", Role.AGENT),
                "lee", fx.user(org, "Lee", Role.AGENT),
                "ada", fx.user(org, "Ada", Role.ADMIN));
        fx.channelConnection(org, "whatsapp");
        UUID alice = fx.contact(org, "Alice", "whatsapp", "44" + UUID.randomUUID());
        conversation = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(now));
    }

    /** A message as the pipeline leaves it: inbound, or outbound by {@code sender} in {@code status}. */
    private UUID message(String direction, String status, String sender, boolean deleted) {
        if ("inbound".equals(direction)) {
            UUID id = fx.inboundMessage(org, conversation, "Where is my parcel?", now.minus(5, ChronoUnit.MINUTES));
            if (deleted) {
                fx.exec("UPDATE messages SET deleted_at = now() WHERE id = ?", id);
            }
            return id;
        }
        UUID id = Ids.newId();
        fx.exec("""
                INSERT INTO messages (id, organization_id, conversation_id, direction, sender_type, sender_user_id, content,
                                      status, queued_at, sent_at, delivered_at, deleted_at)
                VALUES (?, ?, ?, 'outbound', 'user', ?, 'On its way', ?, now(),
                        CASE WHEN ? IN ('sent', 'delivered') THEN now() END,
                        CASE WHEN ? = 'delivered' THEN now() END,
                        CASE WHEN ? THEN now() END)""",
                id, org, conversation, people.get(sender).userId(), status, status, status, deleted);
        return id;
    }

    private String row(UUID id) {
        return fx.one("SELECT concat_ws('|', status, error_code, error_message, read_at IS NOT NULL) FROM messages WHERE id = ?", id);
    }

    @ParameterizedTest(name = "{0} {1} message by {2}{3}, {4} asks {5} -> {7} {8}")
    @CsvSource({
            // direction, its status, sent by, deleted, caller, asks, with a reason, answer, problem type
            "inbound,  ,          ,    false, sam, read,      false, 200, ''",
            "inbound,  ,          ,    false, sam, delivered, false, 409, inbound-has-no-delivery-status",
            "inbound,  ,          ,    false, sam, failed,    true,  409, inbound-has-no-delivery-status",
            "inbound,  ,          ,    true,  sam, read,      false, 409, message-deleted",
            "outbound, queued,    lee, false, sam, failed,    true,  403, forbidden",
            "outbound, queued,    lee, false, ada, failed,    true,  403, forbidden",
            "outbound, sent,      lee, false, sam, failed,    true,  403, forbidden",
            "outbound, queued,    sam, false, sam, failed,    true,  409, message-still-queued",
            "outbound, queued,    sam, false, sam, sent,      false, 409, delivery-status-from-platform",
            "outbound, sent,      sam, false, sam, delivered, false, 409, delivery-status-from-platform",
            "outbound, sent,      sam, false, sam, read,      false, 409, delivery-status-from-platform",
            "outbound, delivered, sam, false, sam, failed,    true,  409, message-already-delivered",
            "outbound, sent,      sam, true,  sam, failed,    true,  409, message-deleted",
            "outbound, sent,      sam, false, sam, failed,    false, 422, validation-failed",
            "outbound, sent,      sam, false, sam, queued,    false, 422, validation-failed",
            "outbound, sent,      sam, false, sam, failed,    true,  200, ''"})
    void onlyWhatAClientCanKnowIsAccepted(String direction, String status, String sender, boolean deleted,
                                          String caller, String asks, boolean reason, int answer, String type) {
        UUID id = message(direction, status, sender, deleted);
        String before = row(id);
        String body = reason
                ? "{\"status\":\"" + asks + "\",\"errorCode\":\"customer-report\",\"errorMessage\":\"Customer says it never arrived\"}"
                : "{\"status\":\"" + asks + "\"}";
        HttpAnswer result = call(request("PATCH", PATH).path("id", id).as(people.get(caller)).body(body));
        assertThat(result.status()).as(String.valueOf(result.json().path("detail"))).isEqualTo(answer);
        if (answer != 200) {
            assertThat(result.contentType()).isEqualTo("application/problem+json");
            assertThat(result.problemType()).endsWith("/" + type);
            assertThat(row(id)).as("nothing changed").isEqualTo(before);
        } else if ("inbound".equals(direction)) {
            assertThat(result.json().path("readAt").isNull()).isFalse();
        } else {
            assertThat(result.json().path("status").asText()).isEqualTo("failed");
            assertThat(result.json().path("errorMessage").asText()).isEqualTo("Customer says it never arrived");
        }
    }

    @Test
    void aColleaguesQueuedMessageStillGoesOut() {
        UUID queued = message("outbound", "queued", "lee", false);
        HttpAnswer refused = call(request("PATCH", PATH).path("id", queued).as(people.get("sam"))
                .body("{\"status\":\"failed\",\"errorMessage\":\"never mind\"}"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ? AND status = 'queued' AND failed_at IS NULL", queued))
                .as("still queued for the sender").isEqualTo(1);
    }

    @Test
    void readingAnInboundMessageClearsTheCallersUnreadUpToItOnly() {
        UUID older = fx.inboundMessage(org, conversation, "first", now.minus(10, ChronoUnit.MINUTES));
        fx.exec("UPDATE messages SET created_at = ? WHERE id = ?", now.minus(10, ChronoUnit.MINUTES), older);
        UUID newer = fx.inboundMessage(org, conversation, "second", now.minus(1, ChronoUnit.MINUTES));
        fx.exec("UPDATE messages SET created_at = ? WHERE id = ?", now.minus(1, ChronoUnit.MINUTES), newer);
        Caller sam = people.get("sam");
        assertThat(call(request("PATCH", PATH).path("id", older).as(sam).body("{\"status\":\"read\"}")).status()).isEqualTo(200);
        assertThat(fx.count("SELECT count(*) FROM messages m WHERE m.conversation_id = ? AND m.direction = 'inbound'"
                + " AND m.created_at > (SELECT last_read_at FROM conversation_reads WHERE conversation_id = ? AND user_id = ?)",
                conversation, conversation, sam.userId())).as("the newer one is still unread for Sam").isEqualTo(1);
        JsonNode again = call(request("PATCH", PATH).path("id", older).as(sam).body("{\"status\":\"read\"}")).json();
        assertThat(again.path("readAt").isNull()).as("marking twice is fine").isFalse();
        assertThat(fx.count("SELECT count(*) FROM conversation_reads WHERE conversation_id = ? AND user_id = ?",
                conversation, people.get("lee").userId())).as("nobody else's marker moves").isZero();
    }
}
