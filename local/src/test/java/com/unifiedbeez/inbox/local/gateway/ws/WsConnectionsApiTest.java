package com.unifiedbeez.inbox.local.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.local.gateway.LambdaFunctions;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.local.testing.WsClient;
import com.unifiedbeez.inbox.local.testing.WsRecordingHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * The management API (@connections) through the real AWS SDK client, as a function calls it with the
 * local endpoint as its endpoint override: post, get, delete, and the typed errors for a connection
 * that is gone and for a message over 128 KB; a 100 KB post reaches the client whole, in frames of
 * at most 32 KB.
 */
class WsConnectionsApiTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static LambdaFunctions functions;
    static WebSocketGateway gateway;
    static ApiGatewayManagementApiClient management;

    @BeforeAll
    static void start() throws Exception {
        functions = new LambdaFunctions();
        gateway = new WebSocketGateway(SamTemplate.load(TestTemplates.webSocket()), functions,
                WebSocketLimits.API_GATEWAY);
        gateway.bind(0);
        gateway.start();
        management = client(gateway.managementEndpoint());
    }

    @AfterAll
    static void stop() {
        management.close();
        gateway.close();
        functions.close();
    }

    static ApiGatewayManagementApiClient client(String endpoint) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    static void post(ApiGatewayManagementApiClient api, String id, String text) {
        api.postToConnection(p -> p.connectionId(id).data(SdkBytes.fromString(text, StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "endpoint {0}")
    @ValueSource(strings = {"", "/prod"})
    void aPostIsOneMessageToThatClient(String stagePath) throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        try (ApiGatewayManagementApiClient api = client(gateway.managementEndpoint() + stagePath)) {
            post(api, client.connectionId(), "{\"event\":\"conversation:assigned\",\"é\":\"ü\"}");
        }
        assertThat(client.next(WAIT).text()).isEqualTo("{\"event\":\"conversation:assigned\",\"é\":\"ü\"}");
    }

    @Test
    void aHundredKilobytePostArrivesWholeInFramesOfAtMost32Kb() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        String big = "x".repeat(60 * 1024) + "€".repeat(14 * 1024); // 60 KB + 42 KB of UTF-8
        post(management, client.connectionId(), big);
        WsClient.Message received = client.next(WAIT);
        assertThat(received.text()).isEqualTo(big);
        assertThat(received.parts().size()).as("split into frames").isGreaterThanOrEqualTo(4);
        received.parts().forEach(part -> assertThat(part.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(32 * 1024));
    }

    @Test
    void aPostOver128KbIsPayloadTooLarge() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        String id = client.connectionId();
        assertThatThrownBy(() -> post(management, id, "y".repeat(128 * 1024 + 1)))
                .isInstanceOf(PayloadTooLargeException.class)
                .satisfies(e -> assertThat(((PayloadTooLargeException) e).statusCode()).isEqualTo(413));
        post(management, id, "z".repeat(128 * 1024)); // exactly the limit is fine
        assertThat(client.next(WAIT).text()).hasSize(128 * 1024);
    }

    @Test
    void getTellsWhenAndFromWhereTheClientConnected() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        WsClient client = WsClient.connect(gateway.url());
        GetConnectionResponse connection = management.getConnection(g -> g.connectionId(client.connectionId()));
        assertThat(connection.connectedAt()).isBetween(before, Instant.now());
        assertThat(connection.lastActiveAt()).isAfterOrEqualTo(connection.connectedAt());
        assertThat(connection.identity().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(connection.identity().userAgent()).startsWith("Java-http-client");

        client.send("{\"action\":\"notify\"}");
        WsClient.await("activity recorded", WAIT, () -> management.getConnection(g -> g.connectionId(
                client.connectionId())).lastActiveAt().isAfter(connection.connectedAt()));
    }

    @Test
    void deleteClosesTheConnectionAndRunsDisconnectThenItIsGone() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        String id = client.connectionId();
        management.deleteConnection(d -> d.connectionId(id));
        WsClient.Close close = client.awaitClose(WAIT);
        assertThat(close.status()).isEqualTo(ManagementApi.DELETED);
        WsClient.await("$disconnect", WAIT, () -> !WsRecordingHandler.seen(id, "DISCONNECT").isEmpty());

        assertThatThrownBy(() -> post(management, id, "late")).isInstanceOf(GoneException.class)
                .satisfies(e -> assertThat(((GoneException) e).statusCode()).isEqualTo(410));
        assertThatThrownBy(() -> management.getConnection(g -> g.connectionId(id))).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> management.deleteConnection(d -> d.connectionId(id))).isInstanceOf(GoneException.class);
        assertThat(WsRecordingHandler.seen(id, "DISCONNECT")).hasSize(1);
    }

    @Test
    void aClosedOrUnknownConnectionIsGone() throws Exception {
        WsClient client = WsClient.connect(gateway.url());
        String id = client.connectionId();
        client.socket().sendClose(1000, "").join();
        client.awaitClose(WAIT);
        WsClient.await("the close is seen", WAIT, () -> !WsRecordingHandler.seen(id, "DISCONNECT").isEmpty());
        assertThatThrownBy(() -> post(management, id, "hello?")).isInstanceOf(GoneException.class);
        assertThatThrownBy(() -> post(management, "AAAAAAAAAAAAAAA=", "hello?")).isInstanceOf(GoneException.class);
    }

    @Test
    void postsReachOnlyTheirConnection() throws Exception {
        WsClient a = WsClient.connect(gateway.url());
        WsClient b = WsClient.connect(gateway.url());
        post(management, a.connectionId(), "for a");
        post(management, b.connectionId(), "for b");
        assertThat(a.next(WAIT).text()).isEqualTo("for a");
        assertThat(b.next(WAIT).text()).isEqualTo("for b");
        assertThat(a.poll(Duration.ofMillis(100))).isNull();
    }
}
