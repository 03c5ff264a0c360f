package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's duplicates and out-of-order cases with the real WhatsApp adapter: a webhook Meta delivers
 * three times, a record SQS delivers twice, and delivery statuses that arrive before our sender has
 * even recorded the message's wamid.
 */
class DuplicatesAndOrderFlowTest {
    static final String TEXT_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=";
    /** The wamid events/webhooks/whatsapp/status-*.json report on. */
    static final String OUR_WAMID = "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RkJBMzA2NjIyRDNEMEUzNTYA";

    private FlowRig rig;
    private UUID connection;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        connection = rig.connect(Channel.WHATSAPP);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private long stored(String externalId) {
        return rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ? AND external_id = ?", rig.org,
                externalId);
    }

    private long events(String name) {
        return rig.fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = ?", rig.org, name);
    }

    @Test
    void theSameWebhookDeliveredThreeTimesIsQueuedOnceAndStoredOnce() {
        String body = FlowRig.fixture("whatsapp", "text.json");
        for (int i = 0; i < 3; i++) {
            assertThat(rig.deliver(Channel.WHATSAPP, body).getStatusCode()).as("delivery " + (i + 1)).isEqualTo(200);
        }

        List<SQSMessage> records = rig.receive();
        assertThat(records).as("FIFO deduplication of the same delivery").hasSize(1);
        assertThat(rig.process(records)).isEmpty();

        assertThat(stored(TEXT_WAMID)).isEqualTo(1);
        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ?", rig.org)).isEqualTo(1);
        assertThat(rig.fx.count("SELECT count(*) FROM conversations WHERE organization_id = ?", rig.org)).isEqualTo(1);
        assertThat(events(DomainEvents.MESSAGE_RECEIVED)).isEqualTo(1);
        assertThat(events(DomainEvents.CONVERSATION_NEW)).isEqualTo(1);
    }

    @Test
    void theSameRecordDeliveredTwiceBySqsStoresOneMessage() {
        assertThat(rig.deliver(Channel.WHATSAPP, FlowRig.fixture("whatsapp", "text.json")).getStatusCode()).isEqualTo(200);
        List<SQSMessage> first = rig.receive();
        assertThat(first).hasSize(1);

        // processed, but the function dies before Lambda deletes it: the record comes back
        assertThat(rig.component.batch().process(first)).isEmpty();
        LocalAws.sqs().changeMessageVisibility(b -> b.queueUrl(rig.queueUrl)
                .receiptHandle(first.get(0).getReceiptHandle()).visibilityTimeout(0));
        List<SQSMessage> again = rig.receive();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).getMessageId()).isEqualTo(first.get(0).getMessageId());
        assertThat(again.get(0).getAttributes().get("ApproximateReceiveCount")).isEqualTo("2");
        assertThat(rig.process(again)).isEmpty();

        assertThat(stored(TEXT_WAMID)).isEqualTo(1);
        assertThat(events(DomainEvents.MESSAGE_RECEIVED)).isEqualTo(1);
        assertThat(rig.receive()).isEmpty();
    }

    @Test
    void readThenDeliveredBeforeTheSenderRecordsTheWamidEndsRead() throws Exception {
        OutboundSend send = rig.queuedReply(connection, Channel.WHATSAPP, "16505551234", "Yes, in navy and teal.");

        // Meta reports read, then delivered, while our sender has not recorded the wamid yet
        assertThat(rig.deliver(Channel.WHATSAPP, FlowRig.fixture("whatsapp", "status-read.json")).getStatusCode())
                .isEqualTo(200);
        assertThat(rig.deliver(Channel.WHATSAPP, FlowRig.fixture("whatsapp", "status-delivered.json")).getStatusCode())
                .isEqualTo(200);
        List<SQSMessage> statuses = rig.receive();
        assertThat(statuses).hasSize(2);
        assertThat(rig.process(statuses)).isEmpty();
        assertThat(Rows.list("SELECT status FROM pending_message_statuses WHERE channel_connection_id = ? ORDER BY status",
                connection)).extracting(r -> r.get("status")).containsExactly("delivered", "read");
        assertThat(Rows.one("SELECT status, external_id FROM messages WHERE id = ?", send.messageId()))
                .containsEntry("status", "queued").containsEntry("external_id", null);

        // the send: Graph API answers with the wamid the statuses named
        // (developers.facebook.com/docs/whatsapp/cloud-api/reference/messages, response)
        rig.standIn.nextSend(200, """
                {"messaging_product":"whatsapp","contacts":[{"input":"16505551234","wa_id":"16505551234"}],
                 "messages":[{"id":"%s"}]}""".formatted(OUR_WAMID));
        Instant before = Instant.now();
        assertThat(rig.component.delivery().deliver(send, 1)).isEqualTo(DeliveryResult.DONE);

        List<RecordedRequest> calls = rig.requests();
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).getMethod()).isEqualTo("POST");
        assertThat(calls.get(0).getTarget()).isEqualTo("/graph/v23.0/" + FlowRig.WHATSAPP_PHONE_NUMBER_ID + "/messages");
        assertThat(calls.get(0).getHeaders().get("Authorization")).isEqualTo("Bearer " + FlowRig.WHATSAPP_TOKEN);
        var request = Rows.json(calls.get(0).getBody().utf8());
        assertThat(request.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(request.path("to").asText()).isEqualTo("16505551234");
        assertThat(request.path("type").asText()).isEqualTo("text");
        assertThat(request.path("text").path("body").asText()).isEqualTo("Yes, in navy and teal.");

        Map<String, Object> message = Rows.one("SELECT * FROM messages WHERE id = ?", send.messageId());
        assertThat(message).containsEntry("status", "read").containsEntry("external_id", OUR_WAMID)
                .containsEntry("channel_connection_id", connection)
                .containsEntry("delivered_at", Instant.ofEpochSecond(1749416702))
                .containsEntry("read_at", Instant.ofEpochSecond(1749416760))
                .containsEntry("failed_at", null).containsEntry("error_code", null).containsEntry("send_lease_until", null);
        assertThat((Instant) message.get("sent_at")).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(rig.fx.count("SELECT count(*) FROM pending_message_statuses WHERE channel_connection_id = ?",
                connection)).isZero();
        assertThat(Rows.list("""
                SELECT payload->>'status' AS status FROM domain_events
                 WHERE organization_id = ? AND name = ? ORDER BY id""", rig.org, DomainEvents.MESSAGE_STATUS))
                .extracting(r -> r.get("status")).containsExactly("sent", "delivered", "read");
        assertThat(events(DomainEvents.MESSAGE_SENT)).isEqualTo(1);
    }
}
