package com.unifiedbeez.inbox.local.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.local.testing.WsClient;
import com.unifiedbeez.inbox.local.testing.WsRecordingHandler;
import com.unifiedbeez.inbox.local.testing.WsRecordingHandler.Seen;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The local WebSocket API as a client meets it, on real sockets: $connect accepts or refuses the
 * upgrade, messages go to the route their "action" names (else $default), two-way routes answer on the
 * socket, one-way routes do not, failures come back as API Gateway's error messages, a connection's
 * invocations run in order, and connections are kept apart.
 */
class WsRoutingTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final ObjectMapper JSON = new ObjectMapper();
    static LambdaFunctions functions;
    static WebSocketGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        functions = new LambdaFunctions();
        gateway = new WebSocketGateway(SamTemplate.load(TestTemplates.webSocket()), functions,
                WebSocketLimits.API_GATEWAY);
        gateway.bind(0);
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        functions.close();
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void anAcceptedUpgradeRunsConnectWithTheRequestAndOpensTheSocket() throws Exception {
        WsClient client = WsClient.open(gateway.url(), "token=ok&tag=a&tag=b").get(10, TimeUnit.SECONDS);
        String id = client.connectionId();
        assertThat(id).matches("[A-Za-z0-9_-]{15}=");

        Seen connect = WsRecordingHandler.seen(id, "CONNECT").get(0);
        assertThat(connect.function()).isEqualTo("ConnectFunction");
        JsonNode event = connect.event();
        JsonNode rc = event.path("requestContext");
        assertThat(rc.path("routeKey").asText()).isEqualTo("$connect");
        assertThat(rc.path("messageDirection").asText()).isEqualTo("IN");
        assertThat(rc.path("stage").asText()).isEqualTo("prod");
        assertThat(rc.path("apiId").asText()).isEqualTo(WebSocketGateway.API_ID);
        assertThat(rc.path("domainName").asText()).isEqualTo("localhost:" + gateway.port());
        assertThat(rc.path("connectedAt").asLong()).isPositive();
        assertThat(rc.path("requestTimeEpoch").asLong()).isGreaterThanOrEqualTo(rc.path("connectedAt").asLong());
        assertThat(rc.path("requestId").asText()).isNotBlank();
        assertThat(rc.path("identity").path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(rc.path("identity").path("userAgent").asText()).startsWith("Java-http-client");
        assertThat(event.path("queryStringParameters").path("tag").asText()).isEqualTo("b");
        assertThat(event.path("multiValueQueryStringParameters").path("tag")).hasSize(2);
        assertThat(event.path("headers").path("Sec-WebSocket-Key").asText()).isNotBlank();
        assertThat(event.path("headers").path("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("multiValueHeaders").path("Host").get(0).asText()).isEqualTo("localhost:" + gateway.port());
        assertThat(client.isClosed()).isFalse();
        assertThat(gateway.openConnections()).isPositive();
    }

    @Test
    void aConnectAnswerOf401RefusesTheUpgradeWithThatStatus() throws Exception {
        int before = WsRecordingHandler.SEEN.size();
        assertThatThrownBy(() -> WsClient.open(gateway.url(), "token=reject").get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(401));
        // no socket: no message route, no $disconnect for it
        assertThat(WsRecordingHandler.SEEN.subList(before, WsRecordingHandler.SEEN.size()))
                .extracting(Seen::eventType).containsOnly("CONNECT");
    }

    @Test
    void aFailingConnectFunctionRefusesTheUpgradeWith500() {
        assertThatThrownBy(() -> WsClient.open(gateway.url(), "token=boom").get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(500));
    }

    @Test
    void theStagePathIsAnEndpointToo() throws Exception {
        WsClient client = WsClient.open(gateway.url() + "/prod", null).get(10, TimeUnit.SECONDS);
        client.send("{\"action\":\"echo\"}");
        assertThat(json(client.next(WAIT).text()).path("routeKey").asText()).isEqualTo("echo");
    }

    @Test
    void theSubprotocolConnectChoseIsTheSocketsSubprotocol() throws Exception {
        WsClient client = WsClient.open(gateway.url(), null, "inbox.v1", "other").get(10, TimeUnit.SECONDS);
        assertThat(client.socket().getSubprotocol()).isEqualTo("inbox.v1");
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
            "{\"action\":\"echo\",\"text\":\"hi\"}   | echo     | EchoFunction",
            "{\"action\":\"unknown\"}               | $default | DefaultFunction",
            "{\"text\":\"no action\"}                | $default | DefaultFunction",
            "{\"action\":{\"nested\":true}}          | $default | DefaultFunction",
            "{\"action\":\"$disconnect\"}           | $default | DefaultFunction",
            "not json at all                        | $default | DefaultFunction",
            "[\"echo\"]                             | $default | DefaultFunction"})
    void aMessageGoesToTheRouteItsActionNamesElseDefault(String body, String route, String function) throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        client.send(body);
        JsonNode reply = json(client.next(WAIT).text()); // both routes are two-way
        assertThat(reply.path("routeKey").asText()).isEqualTo(route);
        assertThat(reply.path("function").asText()).isEqualTo(function);
        assertThat(reply.path("body").asText()).isEqualTo(body);
        Seen message = WsRecordingHandler.seen(client.connectionId(), "MESSAGE").get(0);
        JsonNode rc = message.event().path("requestContext");
        assertThat(rc.path("routeKey").asText()).isEqualTo(route);
        assertThat(rc.path("messageId").asText()).isNotBlank();
        assertThat(rc.path("connectionId").asText()).isEqualTo(client.connectionId());
        assertThat(message.event().path("body").asText()).isEqualTo(body);
        assertThat(message.event().path("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void aOneWayRouteRunsButSendsNothingBack() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        client.send("{\"action\":\"notify\"}");
        client.send("{\"action\":\"echo\",\"n\":2}");
        // the first thing back is the echo's answer: notify's answer was not sent
        assertThat(json(client.next(WAIT).text()).path("body").asText()).contains("\"n\":2");
        assertThat(WsRecordingHandler.seen(client.connectionId(), "MESSAGE")).extracting(Seen::routeKey)
                .containsExactly("notify", "echo");
    }

    @Test
    void aFailingMessageFunctionAnswersInternalServerError() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        client.send("{\"action\":\"echo\",\"fail\":true}");
        JsonNode error = json(client.next(WAIT).text());
        assertThat(error.path("message").asText()).isEqualTo("Internal server error");
        assertThat(error.path("connectionId").asText()).isEqualTo(client.connectionId());
        assertThat(error.path("requestId").asText()).isNotBlank();
        assertThat(client.isClosed()).as("the connection stays open").isFalse();
    }

    @Test
    void aConnectionsMessagesRunInOrderOneAtATime() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        client.send("{\"action\":\"echo\",\"n\":1,\"sleepMs\":300}");
        client.send("{\"action\":\"echo\",\"n\":2}");
        client.send("{\"n\":3}");
        assertThat(json(client.next(WAIT).text()).path("body").asText()).contains("\"n\":1");
        assertThat(json(client.next(WAIT).text()).path("body").asText()).contains("\"n\":2");
        assertThat(json(client.next(WAIT).text()).path("body").asText()).contains("\"n\":3");
        List<Seen> runs = WsRecordingHandler.seen(client.connectionId(), "MESSAGE");
        assertThat(runs).hasSize(3);
        assertThat(runs.get(1).startNanos()).as("2 starts after 1 ended").isGreaterThanOrEqualTo(runs.get(0).endNanos());
        assertThat(runs.get(2).startNanos()).isGreaterThanOrEqualTo(runs.get(1).endNanos());
    }

    @Test
    void twoConnectionsAreKeptApart() throws Exception {
        WsClient a = WsClient.connect(gateway.url());
        WsClient b = WsClient.connect(gateway.url());
        assertThat(a.connectionId()).isNotEqualTo(b.connectionId());
        a.send("{\"action\":\"echo\",\"from\":\"a\"}");
        b.send("{\"action\":\"echo\",\"from\":\"b\"}");
        assertThat(json(a.next(WAIT).text()).path("connectionId").asText()).isEqualTo(a.connectionId());
        assertThat(json(b.next(WAIT).text()).path("connectionId").asText()).isEqualTo(b.connectionId());

        a.socket().sendClose(1000, "bye").get(10, TimeUnit.SECONDS);
        a.awaitClose(WAIT);
        b.send("{\"action\":\"echo\",\"still\":\"here\"}");
        assertThat(json(b.next(WAIT).text()).path("body").asText()).contains("still");
        assertThat(a.poll(Duration.ofMillis(100))).as("nothing of b's reached a").isNull();
        WsClient.await("a's $disconnect", WAIT, () -> !WsRecordingHandler.seen(a.connectionId(), "DISCONNECT").isEmpty());
        assertThat(WsRecordingHandler.seen(b.connectionId(), "DISCONNECT")).isEmpty();
    }

    @Test
    void aClientsCloseRunsDisconnectOnceWithItsStatusAndReason() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        String id = client.connectionId();
        client.send("{\"action\":\"echo\",\"sleepMs\":200}");
        client.socket().sendClose(4001, "leaving").get(10, TimeUnit.SECONDS);
        WsClient.await("$disconnect", WAIT, () -> !WsRecordingHandler.seen(id, "DISCONNECT").isEmpty());
        List<Seen> all = WsRecordingHandler.seen(id);
        assertThat(all).extracting(Seen::eventType).containsExactly("CONNECT", "MESSAGE", "DISCONNECT");
        JsonNode rc = all.get(2).event().path("requestContext");
        assertThat(all.get(2).function()).isEqualTo("DisconnectFunction");
        assertThat(rc.path("routeKey").asText()).isEqualTo("$disconnect");
        assertThat(rc.path("disconnectStatusCode").asInt()).isEqualTo(4001);
        assertThat(rc.path("disconnectReason").asText()).isEqualTo("leaving");
        assertThat(all.get(2).startNanos()).as("after the message before the close").isGreaterThanOrEqualTo(all.get(1).endNanos());
    }

    @Test
    void aPlainHttpRequestIsToldToUpgrade() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gateway.managementEndpoint() + "/prod")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(426);
    }
}
