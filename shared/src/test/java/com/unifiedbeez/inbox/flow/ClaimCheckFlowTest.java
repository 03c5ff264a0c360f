package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.inbound.PayloadClaims;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, section 1: a webhook unit over SQS's 256 KiB goes through the media bucket (a claim
 * check), never a 500 the platform would retry for days. The signed delivery through the WhatsApp
 * webhook function's code, ElasticMQ, S3Proxy and the normalizer. (Batches within SQS's limits:
 * SqsInboundQueueLimitsTest.)
 */
class ClaimCheckFlowTest {
    private FlowRig rig;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        rig.connect(Channel.WHATSAPP);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** The documented text webhook with one message per {@code customers} entry, each of {@code textLength} characters. */
    private static String delivery(int customers, int textLength) {
        ObjectNode root = (ObjectNode) Rows.json(FlowRig.fixture("whatsapp", "text.json"));
        ObjectNode value = (ObjectNode) root.path("entry").get(0).path("changes").get(0).path("value");
        ArrayNode contacts = value.putArray("contacts");
        ArrayNode messages = value.putArray("messages");
        for (int i = 0; i < customers; i++) {
            String waId = "165055500" + String.format("%02d", i);
            contacts.addObject().put("wa_id", waId).putObject("profile").put("name", "Customer " + i);
            messages.addObject().put("from", waId).put("id", "wamid.claim" + i).put("timestamp", "1749416383")
                    .put("type", "text").putObject("text").put("body", text(i, textLength));
        }
        return Json.write(root);
    }

    /** A long text, different per customer. */
    private static String text(int customer, int length) {
        StringBuilder text = new StringBuilder("Customer " + customer + " writes at length: ");
        while (text.length() < length) {
            text.append("the parcel arrived damaged, again and again. ");
        }
        return text.substring(0, length);
    }

    @Test
    void aUnitOverTheQueueLimitGoesThroughTheBucketAndIsStoredWhole() {
        String body = delivery(1, 300 * 1024);

        APIGatewayV2HTTPResponse answer = rig.deliver(Channel.WHATSAPP, body);

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
        List<SQSMessage> records = rig.receive();
        assertThat(records).hasSize(1);
        JsonNode envelope = Rows.json(records.get(0).getBody());
        assertThat(records.get(0).getBody().length()).isLessThan(2048);
        assertThat(envelope.has("payload")).isFalse();
        String key = envelope.path("payloadKey").asText();
        assertThat(key).startsWith(PayloadClaims.PREFIX + rig.org + "/");
        assertThat(LocalAws.s3().listObjectsV2(b -> b.bucket(rig.bucket).prefix(PayloadClaims.PREFIX)).contents())
                .hasSize(1);

        assertThat(rig.process(records)).as("batch item failures").isEmpty();

        Map<String, Object> message = Rows.one("SELECT external_id, content FROM messages WHERE organization_id = ?", rig.org);
        assertThat(message).containsEntry("external_id", "wamid.claim0")
                .containsEntry("content", text(0, 300 * 1024));
    }
}
