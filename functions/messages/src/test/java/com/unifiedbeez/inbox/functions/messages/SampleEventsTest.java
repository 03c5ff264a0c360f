package com.unifiedbeez.inbox.functions.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;

/** The sample events in events/messages run against the real handler, on rows and an object made here. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleEventsTest {
    private static final Path EVENTS = Path.of("../../events/messages");
    private static final String ORG = "019abc00-0000-7000-8000-000000000001";
    private static final String USER = "019abc00-0000-7000-8000-000000000002";
    private static final String CONVERSATION = "019abc00-0000-7000-8000-000000000007";
    private static final String MESSAGE = "019abc00-0000-7000-8000-000000000010";
    private static final String ATTACHMENT = "019abc00-0000-7000-8000-000000000011";
    private static final String TEMPLATE = "019abc00-0000-7000-8000-000000000012";
    private static final String KEY = ORG + "/" + CONVERSATION + "/" + ATTACHMENT + "/receipt.pdf";

    @BeforeAll
    static void givenTheRowsTheSamplesName() {
        Fixtures fx = Fixtures.onTestDatabase();
        fx.exec("INSERT INTO organizations (id, name) VALUES (?::uuid, 'Sample Org')", ORG);
        fx.exec("INSERT INTO users (id, organization_id, email, name, role) VALUES (?::uuid, ?::uuid, 'sam@sample.test', 'Sam', 'agent')", USER, ORG);
        fx.exec("INSERT INTO channel_connections (id, organization_id, channel, name, external_id) VALUES"
                + " (gen_random_uuid(), ?::uuid, 'whatsapp', 'WA', 'sample-wa-messages')", ORG);
        String contact = fx.contact(java.util.UUID.fromString(ORG), "Alice", "whatsapp", "447700900321").toString();
        fx.exec("INSERT INTO conversations (id, organization_id, contact_id, channel, status) VALUES"
                + " (?::uuid, ?::uuid, ?::uuid, 'whatsapp', 'active')", CONVERSATION, ORG, contact);
        fx.inboundMessage(java.util.UUID.fromString(ORG), java.util.UUID.fromString(CONVERSATION),
                "Could I get a refund please?", Instant.now().minusSeconds(600));
        fx.exec("INSERT INTO messages (id, organization_id, conversation_id, direction, sender_type, sender_user_id, content,"
                + " status, queued_at) VALUES (?::uuid, ?::uuid, ?::uuid, 'outbound', 'user', ?::uuid, 'Looking into it', 'sent', now())",
                MESSAGE, ORG, CONVERSATION, USER);
        fx.exec("INSERT INTO templates (id, organization_id, type, name, content, approval_status) VALUES"
                + " (?::uuid, ?::uuid, 'whatsapp', 'order_update', 'Hi {{1}}, order {{2}} shipped.', 'approved')", TEMPLATE, ORG);
        fx.exec("INSERT INTO attachments (id, organization_id, conversation_id, uploaded_by, s3_key, file_name, content_type,"
                + " declared_size) VALUES (?::uuid, ?::uuid, ?::uuid, ?::uuid, ?, 'receipt.pdf', 'application/pdf', 9)",
                ATTACHMENT, ORG, CONVERSATION, USER, KEY);
        LocalAws.s3().putObject(p -> p.bucket(MessagesHarness.BUCKET).key(KEY).contentType("application/pdf"),
                RequestBody.fromString("%PDF-1.7"  + "\n"));
    }

    private static HttpAnswer run(String name) {
        return HttpAnswer.call(MessagesHarness.handler(), EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(name + ".json").toString()));
    }

    @Test
    @Order(1)
    void everySampleAnswersAsItsRoutePromises() {
        assertThat(run("history").json().path("items").size()).isEqualTo(2);
        assertThat(run("search").json().path("items").get(0).path("snippet").asText()).contains("<mark>refund</mark>");
        assertThat(run("send").status()).isEqualTo(202);
        assertThat(run("send").status()).as("the sample carries an Idempotency-Key").isEqualTo(202);
        assertThat(run("send-template").json().path("content").asText()).isEqualTo("Hi Alice, order #A123 shipped.");
        assertThat(run("upload").status()).isEqualTo(201);
        assertThat(run("complete-upload").json().path("status").asText()).isEqualTo("uploaded");
        assertThat(run("status").json().path("status").asText()).as("the sender records its own sent message failed").isEqualTo("failed");
        assertThat(run("react").json().path("reactions").size()).isEqualTo(1);
        assertThat(run("delete").status()).isEqualTo(204);
        Fixtures fx = Fixtures.onTestDatabase();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE idempotency_key = 'sample-send-1'")).isEqualTo(1);
        MessagesHarness.drainQueue();
    }

    @Test
    @Order(2)
    void everyRouteHasASample() throws Exception {
        try (Stream<Path> files = Files.list(EVENTS)) {
            var keys = files.map(f -> EventLoader.loadApiGatewayHttpEvent(f.toString()).getRouteKey()).toList();
            assertThat(keys).containsExactlyInAnyOrderElementsOf(MessagesHandler.ROUTES.keys());
        }
    }
}
