package com.unifiedbeez.inbox.webhook;

import static com.unifiedbeez.inbox.testkit.HttpEventBuilder.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.inbound.StandInChannel;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.http.Routes;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What every channel's webhook function must do, checked on the function wired by its real Dagger
 * component (PostgreSQL, ElasticMQ FIFO queue) with the stand-in channel in place of the platform's
 * adapter, called with API Gateway's events of a public route (testkit's HttpEventBuilder, no
 * claims). A function's test is a subclass naming its channel, its route table and how its handler
 * is built from a config and an adapter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one component and queue per function, not per test
public abstract class WebhookFunctionContract {
    /** A webhook function's handler on its real component, built from a config with the adapter bound. */
    public interface Wiring {
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler(Config config, WebhookAdapter adapter);
    }

    private final Channel channel;
    private final Routes<?> routes;
    private final String queue = LocalAws.createQueue(LocalAws.unique("inbound"), true);
    private final StandInChannel adapter;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;

    private final Fixtures fixtures = Fixtures.onTestDatabase();
    private UUID org;
    private String account;
    private UUID connection;

    protected WebhookFunctionContract(Channel channel, Routes<?> routes, Wiring wiring) {
        this.channel = channel;
        this.routes = routes;
        this.adapter = new StandInChannel(channel, "app-secret", "verify-me");
        this.handler = wiring.handler(LocalAws.config(TestDatabase.config()).with(SqsInboundQueue.QUEUE_URL, queue), adapter);
    }

    @BeforeEach
    void connectAnAccount() {
        org = fixtures.organization(channel.wireName() + " webhook");
        account = "acct-" + UUID.randomUUID();
        connection = fixtures.channelConnection(org, channel, account, "{}", Map.of());
    }

    @Test
    void routesAreBothPublicPathFormsForHandshakeAndDeliveries() {
        String name = channel.wireName();
        assertThat(routes.keys()).containsExactlyInAnyOrder(
                "GET /api/webhooks/" + name, "POST /api/webhooks/" + name,
                "GET /api/inbox/webhooks/" + name, "POST /api/inbox/webhooks/" + name);
    }

    @Test
    void aSignedDeliveryIsAcknowledgedAndQueuedAndABadSignatureIsNot() throws Exception {
        String name = channel.wireName();
        StandInChannel.Signed delivery = adapter.deliver(
                StandInChannel.message(account, name + "-1", "cust-1", "Ada", "hello", Instant.parse("2026-03-01T10:00:00Z")));
        APIGatewayV2HTTPResponse forged = handler.handleRequest(request("POST", "/api/webhooks/" + name)
                .header(StandInChannel.SIGNATURE_HEADER, "sha256=00").body(delivery.body()).build(), null);
        assertThat(forged.getStatusCode()).isEqualTo(401);
        assertThat(forged.getHeaders()).containsEntry("content-type", "application/problem+json");

        APIGatewayV2HTTPResponse ok = handler.handleRequest(request("POST", "/api/inbox/webhooks/" + name)
                .header("X-StandIn-Signature", delivery.signature())
                .base64Body(delivery.body().getBytes(StandardCharsets.UTF_8)).build(), null);
        assertThat(ok.getStatusCode()).isEqualTo(200);

        var messages = LocalAws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
        assertThat(messages).hasSize(1);
        Message queued = messages.get(0);
        InboundEnvelope envelope = Json.mapper().readValue(queued.body(), InboundEnvelope.class);
        assertThat(envelope.channel()).isEqualTo(name);
        assertThat(envelope.connectionId()).isEqualTo(connection);
        assertThat(envelope.organizationId()).isEqualTo(org);
        assertThat(envelope.customer()).isEqualTo("cust-1");
        LocalAws.sqs().deleteMessage(d -> d.queueUrl(queue).receiptHandle(queued.receiptHandle()));
    }

    @Test
    void theHandshakeEchoesTheChallenge() {
        String path = "/api/webhooks/" + channel.wireName();
        APIGatewayV2HTTPResponse response = handler.handleRequest(request("GET", path)
                .rawQuery("hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444").build(), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).isEqualTo("1158201444");
        assertThat(handler.handleRequest(request("GET", path).build(), null).getStatusCode()).isEqualTo(403);
    }
}
