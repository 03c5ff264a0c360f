package com.unifiedbeez.inbox.functions.webhookinstagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.inbound.InboundEnvelope;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.inbound.StandInChannel;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.webhook.WebhookEvents;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The Instagram webhook function wired by its real component (PostgreSQL, ElasticMQ FIFO queue), with
 * the stand-in channel in place of the Instagram adapter, called with API Gateway's events.
 */
class WebhookInstagramHandlerTest {
    private static final String QUEUE = LocalAws.createQueue(LocalAws.unique("inbound"), true);
    private static final StandInChannel ADAPTER = new StandInChannel(Channel.INSTAGRAM, "app-secret", "verify-me");
    private static final WebhookInstagramHandler HANDLER = new WebhookInstagramHandler(DaggerWebhookInstagramComponent.factory()
            .create(LocalAws.config(TestDatabase.config()).with(SqsInboundQueue.QUEUE_URL, QUEUE), ADAPTER));

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private final UUID org = fixtures.organization("Instagram webhook");
    private final String account = "acct-" + UUID.randomUUID();
    private final UUID connection = fixtures.channelConnection(org, Channel.INSTAGRAM, account, "{}", Map.of());

    @Test
    void routesAreBothPublicPathFormsForHandshakeAndDeliveries() {
        assertThat(WebhookInstagramHandler.ROUTES.keys()).containsExactlyInAnyOrder(
                "GET /api/webhooks/instagram", "POST /api/webhooks/instagram",
                "GET /api/inbox/webhooks/instagram", "POST /api/inbox/webhooks/instagram");
    }

    @Test
    void aSignedDeliveryIsAcknowledgedAndQueuedAndABadSignatureIsNot() throws Exception {
        StandInChannel.Signed delivery = ADAPTER.deliver(
                StandInChannel.message(account, "instagram-1", "cust-1", "Ada", "hello", Instant.parse("2026-03-01T10:00:00Z")));
        APIGatewayV2HTTPResponse forged = HANDLER.handleRequest(WebhookEvents.post("/api/webhooks/instagram",
                Map.of(StandInChannel.SIGNATURE_HEADER, "sha256=00"), delivery.body(), false), null);
        assertThat(forged.getStatusCode()).isEqualTo(401);
        assertThat(forged.getHeaders()).containsEntry("content-type", "application/problem+json");

        APIGatewayV2HTTPResponse ok = HANDLER.handleRequest(WebhookEvents.post("/api/inbox/webhooks/instagram",
                Map.of("X-StandIn-Signature", delivery.signature()), delivery.body(), true), null);
        assertThat(ok.getStatusCode()).isEqualTo(200);

        var messages = LocalAws.sqs().receiveMessage(r -> r.queueUrl(QUEUE).maxNumberOfMessages(10)).messages();
        assertThat(messages).hasSize(1);
        Message queued = messages.get(0);
        InboundEnvelope envelope = Json.mapper().readValue(queued.body(), InboundEnvelope.class);
        assertThat(envelope.channel()).isEqualTo("instagram");
        assertThat(envelope.connectionId()).isEqualTo(connection);
        assertThat(envelope.organizationId()).isEqualTo(org);
        assertThat(envelope.customer()).isEqualTo("cust-1");
        LocalAws.sqs().deleteMessage(d -> d.queueUrl(QUEUE).receiptHandle(queued.receiptHandle()));
    }

    @Test
    void theHandshakeEchoesTheChallenge() {
        APIGatewayV2HTTPResponse response = HANDLER.handleRequest(WebhookEvents.get("/api/webhooks/instagram",
                "hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("1158201444");
        assertThat(HANDLER.handleRequest(WebhookEvents.get("/api/webhooks/instagram", ""), null).getStatusCode()).isEqualTo(403);
    }
}
