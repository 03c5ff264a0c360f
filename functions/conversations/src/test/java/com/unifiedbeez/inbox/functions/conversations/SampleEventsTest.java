package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sample events in events/conversations (what `sam local invoke -e` takes) run against the
 * real handler: their ids are rows made here, so each answers as the route promises.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleEventsTest {
    private static final Path EVENTS = Path.of("../../events/conversations");
    private static final String ORG = "019abc00-0000-7000-8000-000000000001";
    private static final String USER = "019abc00-0000-7000-8000-000000000002";
    private static final String TEAM = "019abc00-0000-7000-8000-000000000003";
    private static final String CONTACT = "019abc00-0000-7000-8000-000000000004";
    private static final String CONTACT2 = "019abc00-0000-7000-8000-000000000005";
    private static final String LABEL = "019abc00-0000-7000-8000-000000000006";
    private static final String CONVERSATION = "019abc00-0000-7000-8000-000000000007";
    private static final String NOTE = "019abc00-0000-7000-8000-000000000008";

    @BeforeAll
    static void givenTheRowsTheSamplesName() {
        Fixtures fx = Fixtures.onTestDatabase();
        fx.exec("INSERT INTO organizations (id, name) VALUES (?::uuid, 'Sample Org')", ORG);
        fx.exec("INSERT INTO users (id, organization_id, email, name, role) VALUES (?::uuid, ?::uuid, 'sam@sample.test', 'Sam', 'agent')", USER, ORG);
        fx.exec("INSERT INTO teams (id, organization_id, name) VALUES (?::uuid, ?::uuid, 'Support')", TEAM, ORG);
        fx.exec("INSERT INTO team_members (organization_id, team_id, user_id) VALUES (?::uuid, ?::uuid, ?::uuid)", ORG, TEAM, USER);
        fx.exec("INSERT INTO channel_connections (id, organization_id, channel, name, external_id) VALUES"
                + " (gen_random_uuid(), ?::uuid, 'whatsapp', 'WA', 'sample-wa'), (gen_random_uuid(), ?::uuid, 'telegram', 'TG', 'sample-tg')", ORG, ORG);
        fx.exec("INSERT INTO contacts (id, organization_id, name) VALUES (?::uuid, ?::uuid, 'Alice'), (?::uuid, ?::uuid, 'Tom')", CONTACT, ORG, CONTACT2, ORG);
        fx.exec("INSERT INTO contact_identities (id, organization_id, contact_id, channel, identifier) VALUES"
                + " (gen_random_uuid(), ?::uuid, ?::uuid, 'whatsapp', '447700900123'), (gen_random_uuid(), ?::uuid, ?::uuid, 'telegram', '123456789')",
                ORG, CONTACT, ORG, CONTACT2);
        fx.exec("INSERT INTO labels (id, organization_id, name, color) VALUES (?::uuid, ?::uuid, 'Refunds', '#22C55E')", LABEL, ORG);
        fx.exec("INSERT INTO conversations (id, organization_id, contact_id, channel, status, assignee_user_id) VALUES"
                + " (?::uuid, ?::uuid, ?::uuid, 'whatsapp', 'active', ?::uuid)", CONVERSATION, ORG, CONTACT, USER);
        fx.exec("INSERT INTO messages (id, organization_id, conversation_id, direction, sender_type, content) VALUES"
                + " (gen_random_uuid(), ?::uuid, ?::uuid, 'inbound', 'contact', 'I want a refund for my order')", ORG, CONVERSATION);
        fx.exec("INSERT INTO notes (id, organization_id, conversation_id, author_id, content) VALUES"
                + " (?::uuid, ?::uuid, ?::uuid, ?::uuid, 'Refund approved by finance')", NOTE, ORG, CONVERSATION, USER);
        fx.exec("INSERT INTO note_mentions (organization_id, note_id, user_id, conversation_id) VALUES"
                + " (?::uuid, ?::uuid, ?::uuid, ?::uuid)", ORG, NOTE, USER, CONVERSATION);
    }

    private static HttpAnswer run(String name) {
        return call(EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(name + ".json").toString()));
    }

    @Test
    @Order(1)
    void readSamples() {
        HttpAnswer mine = run("list-mine");
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().path("items").get(0).path("id").asText()).isEqualTo(CONVERSATION);
        assertThat(run("search").json().path("items").get(0).path("id").asText()).isEqualTo(CONVERSATION);
        assertThat(run("get").json().path("contact").path("name").asText()).isEqualTo("Alice");
        assertThat(run("list-notes").json().path("items").get(0).path("id").asText()).isEqualTo(NOTE);
        assertThat(run("list-mentions").json().path("items").get(0).path("noteId").asText()).isEqualTo(NOTE);
    }

    @Test
    @Order(2)
    void writeSamples() {
        assertThat(run("create").status()).isEqualTo(201);
        assertThat(run("assign").json().path("assignee").path("team").path("id").asText()).isEqualTo(TEAM);
        assertThat(run("add-labels").json().path("labels").get(0).path("name").asText()).isEqualTo("Refunds");
        assertThat(run("remove-label").status()).isEqualTo(204);
        assertThat(run("add-note").status()).isEqualTo(201);
        assertThat(run("post-note").status()).isEqualTo(201);
        assertThat(run("mark-mention-read").json().path("readAt").isTextual()).isTrue();
        assertThat(run("mark-all-mentions-read").json().path("markedRead").asInt()).isEqualTo(2);
        assertThat(run("delete-note").status()).isEqualTo(204);
        assertThat(run("mark-read").json().path("unreadCount").asInt()).isZero();
        assertThat(run("bulk-assign").json().path("updated").asInt()).isEqualTo(1);
        assertThat(run("bulk-label").json().path("updated").asInt()).isEqualTo(1);
        assertThat(run("status").json().path("status").asText()).isEqualTo("resolved");
    }

    @Test
    @Order(3)
    void everyRouteHasASample() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            var keys = files.map(f -> EventLoader.loadApiGatewayHttpEvent(f.toString()).getRouteKey()).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(ConversationsHandler.ROUTES.keys());
        }
    }
}
