package com.unifiedbeez.inbox.local.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.RawWsFrames;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.local.testing.WsClient;
import com.unifiedbeez.inbox.local.testing.WsRecordingHandler;
import com.unifiedbeez.inbox.local.testing.WsRecordingHandler.Seen;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * API Gateway's WebSocket limits, with the idle and lifetime limits shortened to milliseconds: a frame
 * over 32 KB or a message over 128 KB closes with 1009; no data for the idle time, or the lifetime
 * reached, closes with 1001 "Going away"; each close runs $disconnect exactly once.
 */
class WsLimitsTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final WebSocketLimits LIMITS = WebSocketLimits.API_GATEWAY.withIdle(Duration.ofMillis(1_000))
            .withLifetime(Duration.ofMillis(3_000));
    static LambdaFunctions functions;
    static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        functions = new LambdaFunctions();
        gateway = new WebSocketGateway(SamTemplate.load(TestTemplates.webSocket()), functions, LIMITS);
        gateway.bind(0);
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        functions.close();
    }

    /** $disconnect ran once for this connection, with this status; asked again after {@code until} passed. */
    static void disconnectedOnce(String id, int status, long until) throws InterruptedException {
        WsClient.await("$disconnect of " + id, WAIT, () -> !WsRecordingHandler.seen(id, "DISCONNECT").isEmpty());
        WsClient.await("no second close can be pending", WAIT, () -> System.currentTimeMillis() > until);
        List<Seen> disconnects = WsRecordingHandler.seen(id, "DISCONNECT");
        assertThat(disconnects).hasSize(1);
        assertThat(disconnects.get(0).event().path("requestContext").path("disconnectStatusCode").asInt())
                .isEqualTo(status);
    }

    @Test
    void aFrameOver32KbClosesWith1009() throws Exception {
        String name = UUID.randomUUID().toString();
        try (RawWsFrames client = RawWsFrames.connect(gateway.port(), "/?client=" + name)) {
            String id = connectionIdOf(name);
            client.sendOneFrame("a".repeat(32 * 1024 + 1));
            assertThat(client.awaitCloseStatus()).isEqualTo(1009);
            disconnectedOnce(id, 1009, System.currentTimeMillis() + 100);
            assertThat(WsRecordingHandler.seen(id, "MESSAGE")).as("the frame reached no route").isEmpty();
        }
    }

    @Test
    void aFrameOfExactly32KbIsAMessage() throws Exception {
        String name = UUID.randomUUID().toString();
        try (RawWsFrames client = RawWsFrames.connect(gateway.port(), "/?client=" + name)) {
            String id = connectionIdOf(name);
            client.sendOneFrame("b".repeat(32 * 1024));
            WsClient.await("the message's route", WAIT, () -> !WsRecordingHandler.seen(id, "MESSAGE").isEmpty());
            assertThat(WsRecordingHandler.seen(id, "MESSAGE").get(0).event().path("body").asText()).hasSize(32 * 1024);
        }
    }

    static String connectionIdOf(String client) {
        synchronized (WsRecordingHandler.SEEN) {
            return WsRecordingHandler.SEEN.stream().filter(s -> s.eventType().equals("CONNECT")
                            && client.equals(s.event().path("queryStringParameters").path("client").asText()))
                    .map(Seen::connectionId).findFirst().orElseThrow();
        }
    }

    @Test
    void aMessageOver128KbInFramesOf30KbClosesWith1009() throws Exception {
        String name = UUID.randomUUID().toString();
        try (RawWsFrames client = RawWsFrames.connect(gateway.port(), "/?client=" + name)) {
            String id = connectionIdOf(name);
            String part = "c".repeat(30 * 1024);
            client.sendFrames(part, part, part, part, part); // 150 KB, every frame within 32 KB
            assertThat(client.awaitCloseStatus()).isEqualTo(1009);
            disconnectedOnce(id, 1009, System.currentTimeMillis() + 100);
        }
    }

    @Test
    void aMessageOf128KbInFramesIsAMessage() throws Exception {
        String name = UUID.randomUUID().toString();
        try (RawWsFrames client = RawWsFrames.connect(gateway.port(), "/?client=" + name)) {
            String id = connectionIdOf(name);
            String part = "d".repeat(32 * 1024);
            client.sendFrames(part, part, part, part); // exactly 128 KB
            WsClient.await("the message's route", WAIT, () -> !WsRecordingHandler.seen(id, "MESSAGE").isEmpty());
            assertThat(WsRecordingHandler.seen(id, "MESSAGE").get(0).event().path("body").asText())
                    .hasSize(128 * 1024);
        }
    }

    @Test
    void noDataForTheIdleTimeClosesWith1001GoingAway() throws Exception {
        long start = System.currentTimeMillis();
        WsClient client = WsClient.connect(gateway.url());
        String id = client.connectionId();
        WsClient.Close close = client.awaitClose(WAIT);
        long after = System.currentTimeMillis() - start;
        assertThat(close.status()).isEqualTo(1001);
        assertThat(close.reason()).isEqualTo("Going away");
        assertThat(after).isGreaterThanOrEqualTo(LIMITS.idle().toMillis()).isLessThan(LIMITS.lifetime().toMillis());
        disconnectedOnce(id, 1001, start + LIMITS.lifetime().toMillis() + 200);
        assertThat(WsRecordingHandler.seen(id, "DISCONNECT").get(0).event().path("requestContext")
                .path("disconnectReason").asText()).isEqualTo("Going away");
    }

    @Test
    void pushesToTheClientCountAsActivityToo() throws Exception {
        try (ApiGatewayManagementApiClient api = WsConnectionsApiTest.client(gateway.managementEndpoint())) {
            // the SDK's first call loads its classes: not within the short idle limit
            assertThatThrownBy(() -> WsConnectionsApiTest.post(api, "AAAAAAAAAAAAAAA=", "warm-up"))
                    .isInstanceOf(GoneException.class);
            WsClient client = WsClient.connect(gateway.url());
            String id = client.connectionId();
            long start = System.currentTimeMillis();
            while (System.currentTimeMillis() - start < 2 * LIMITS.idle().toMillis()) {
                WsConnectionsApiTest.post(api, id, "keep-alive");
                assertThat(client.next(WAIT).text()).isEqualTo("keep-alive");
                Thread.sleep(150);
            }
            assertThat(client.isClosed()).as("open after twice the idle time").isFalse();
            assertThat(client.awaitClose(WAIT).status()).as("then idle").isEqualTo(1001);
        }
    }

    @Test
    void aDroppedSocketRunsDisconnectOnceWith1006() throws Exception {
        String name = UUID.randomUUID().toString();
        String id;
        try (RawWsFrames client = RawWsFrames.connect(gateway.port(), "/?client=" + name)) {
            id = connectionIdOf(name);
        } // the TCP connection ends without a close frame
        disconnectedOnce(id, 1006, System.currentTimeMillis() + 100);
    }

    @Test
    void messagesKeepAConnectionOpenUntilItsLifetimeEnds() throws Exception {
        long start = System.currentTimeMillis();
        WsClient client = WsClient.connect(gateway.url());
        String id = client.connectionId();
        // a message every 150 ms: never idle for a second, so only the lifetime closes it
        while (!client.isClosed() && System.currentTimeMillis() - start < WAIT.toMillis()) {
            client.socket().sendText("{\"action\":\"notify\"}", true);
            Thread.sleep(150);
        }
        long after = System.currentTimeMillis() - start;
        WsClient.Close close = client.awaitClose(WAIT);
        assertThat(close.status()).isEqualTo(1001);
        assertThat(after).as("open past several idle periods, closed at its lifetime")
                .isGreaterThanOrEqualTo(LIMITS.lifetime().toMillis()).isLessThan(LIMITS.lifetime().toMillis() + 1_500);
        assertThat(WsRecordingHandler.seen(id, "MESSAGE").size()).isGreaterThan(5);
        disconnectedOnce(id, 1001, System.currentTimeMillis() + 2 * LIMITS.idle().toMillis());
    }
}
