package com.unifiedbeez.inbox.functions.outboundsender;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.outbound.OutboundScenario;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** events/outbound-sender/send.json runs against the real handler, on the rows it names. */
class OutboundSenderSampleEventsTest {
    private static final String ORG = "019abc00-0000-7000-8000-000000000101";
    private static final String CONVERSATION = "019abc00-0000-7000-8000-000000000107";
    private static final String MESSAGE = "019abc00-0000-7000-8000-000000000110";

    @Test
    void theSampleSendGoesOutToTheConversationsCustomer() throws Exception {
        Fixtures fx = Fixtures.onTestDatabase();
        UUID org = UUID.fromString(ORG);
        fx.exec("INSERT INTO organizations (id, name) VALUES (?, 'Sample Org')", org);
        UUID connection = fx.channelConnection(org, Channel.WHATSAPP, "sample-wa-outbound", "{}",
                Map.of("accessToken", OutboundScenario.ACCESS_TOKEN));
        UUID contact = fx.contact(org, "Alice", "whatsapp", "447700900321");
        fx.exec("INSERT INTO conversations (id, organization_id, contact_id, channel, channel_connection_id, status)"
                + " VALUES (?::uuid, ?, ?, 'whatsapp', ?, 'active')", CONVERSATION, org, contact, connection);
        fx.exec("INSERT INTO messages (id, organization_id, conversation_id, channel_connection_id, direction, sender_type,"
                + " content, status, queued_at, enqueued_at) VALUES (?::uuid, ?, ?::uuid, ?, 'outbound', 'user',"
                + " 'Your refund is on its way', 'queued', ?, ?)", MESSAGE, org, CONVERSATION, connection,
                Instant.now(), Instant.now());
        while (SenderHarness.PLATFORM.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // requests of other tests
        }
        SenderHarness.PLATFORM.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"wamid.sample\"}").build());

        SQSBatchResponse response = SenderHarness.HANDLER.handleRequest(
                EventLoader.loadSQSEvent("../../events/outbound-sender/send.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        RecordedRequest request = SenderHarness.PLATFORM.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(Json.mapper().readTree(request.getBody().utf8()).path("to").asText()).isEqualTo("447700900321");
        assertThat(fx.one("SELECT status || ' ' || external_id FROM messages WHERE id = ?::uuid", MESSAGE))
                .isEqualTo("sent wamid.sample");
    }
}
