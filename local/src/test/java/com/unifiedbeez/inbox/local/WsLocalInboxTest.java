package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.local.gateway.ws.WebSocketGateway;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.local.testing.WsClient;
import com.unifiedbeez.inbox.local.testing.WsRecordingHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The WebSocket API inside the local runtime: served on its own port beside the HTTP API, the
 * functions' environment variables that refer to it set to its local endpoint (a function's SDK
 * client posts there as it would in AWS), its URL in the banner, its connections closed (and their
 * $disconnect run) when the runtime stops.
 */
class WsLocalInboxTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    @TempDir
    static Path data;
    static LocalInbox inbox;
    static WebSocketGateway ws;

    @BeforeAll
    static void start() throws Exception {
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(TestTemplates.webSocket()).withSeed(false));
        ws = inbox.webSocket().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @Test
    void theWebSocketApiHasItsOwnPortAndIsInTheBanner() {
        assertThat(ws.port()).isPositive().isNotEqualTo(inbox.port());
        assertThat(ws.routeKeys()).containsExactlyInAnyOrder("$connect", "$disconnect", "$default", "echo", "notify");
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        inbox.printBanner(new PrintStream(banner, true, StandardCharsets.UTF_8));
        assertThat(banner.toString(StandardCharsets.UTF_8))
                .contains("WebSocket API: ws://localhost:" + ws.port())
                .contains("@connections: http://127.0.0.1:" + ws.port());
    }

    @Test
    void variablesThatReferToTheApiGetItsLocalEndpoint() {
        String base = "127.0.0.1:" + ws.port();
        assertThat(inbox.environment())
                .containsEntry("INBOX_TEST_WS_ENDPOINT", "http://" + base + "/prod")
                .containsEntry("INBOX_TEST_WS_URL", "ws://" + base + "/prod")
                .containsEntry("INBOX_TEST_WS_API", "http://" + base)
                .doesNotContainKey("INBOX_TEST_NOT_THE_API");
        assertThat(System.getProperty("INBOX_TEST_WS_ENDPOINT")).isEqualTo("http://" + base + "/prod");
    }

    @Test
    void aFunctionsSdkClientOnThatEndpointReachesTheClient() throws Exception {
        WsClient client = WsClient.connect(ws.url());
        client.send("{\"action\":\"echo\"}");
        assertThat(client.next(WAIT).text()).contains("EchoFunction");
        try (ApiGatewayManagementApiClient api = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(System.getProperty("INBOX_TEST_WS_ENDPOINT")))
                .region(Region.EU_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            api.postToConnection(p -> p.connectionId(client.connectionId()).data(SdkBytes.fromUtf8String("pushed")));
        }
        assertThat(client.next(WAIT).text()).isEqualTo("pushed");
    }

    @Test
    void stoppingTheRuntimeClosesItsConnectionsAndRunsTheirDisconnect() throws Exception {
        LocalInbox second = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0)
                .withDataDir(data.resolve("second")).withTemplate(TestTemplates.webSocket()).withSeed(false));
        WsClient client;
        try {
            client = WsClient.connect(second.webSocket().orElseThrow().url());
        } finally {
            second.close();
        }
        assertThat(client.awaitClose(WAIT).status()).isEqualTo(1001);
        assertThat(WsRecordingHandler.seen(client.connectionId(), "DISCONNECT")).hasSize(1);
    }
}
