package com.unifiedbeez.inbox.channel.whatsapp;

import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.PHONE_NUMBER_ID;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.TOKEN;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.WABA_ID;
import static com.unifiedbeez.inbox.channel.whatsapp.WhatsAppTestData.connection;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhatsAppProbeTest {
    static final String INVALID_TOKEN = """
            {"error":{"message":"Error validating access token: Session has expired on Tuesday, 10-Jun-25 04:00:00 PDT.",
             "type":"OAuthException","code":190,"error_subcode":463,"fbtrace_id":"AzK3"}}
            """;

    final ChannelConnection support = connection(PHONE_NUMBER_ID);
    MockWebServer graph;
    WhatsAppProbe probe;

    @BeforeEach
    void start() throws IOException {
        graph = new MockWebServer();
        graph.start();
        probe = probeAt(graph.url("/v23.0").toString());
    }

    @AfterEach
    void stop() {
        graph.close();
    }

    static WhatsAppProbe probeAt(String url) {
        return new WhatsAppProbe(Config.of(Map.of(PlatformEndpoints.GRAPH_API_URL, url)), new PlatformHttp());
    }

    @Test
    void aWorkingNumberWithItsWebhooksSubscribedIsHealthy() throws Exception {
        graph.enqueue(new MockResponse.Builder().code(200).body("""
                {"display_phone_number":"+1 555-078-3881","verified_name":"Lucky Shrub","quality_rating":"GREEN","id":"106540352242922"}
                """).build());
        graph.enqueue(new MockResponse.Builder().code(200).body("""
                {"data":[{"whatsapp_business_api_data":{"link":"https://www.example.com/","name":"UnifiedBeez Inbox","id":"670843887433847"}}]}
                """).build());

        HealthReport report = probe.check(support);

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).containsExactly(
                new Check(WhatsAppProbe.PHONE_NUMBER, true, "+1 555-078-3881 Lucky Shrub (quality GREEN)"),
                new Check(WhatsAppProbe.WEBHOOKS, true, "subscribed: UnifiedBeez Inbox"));
        RecordedRequest number = graph.takeRequest();
        assertThat(number.getMethod()).isEqualTo("GET");
        assertThat(number.getTarget()).isEqualTo("/v23.0/" + PHONE_NUMBER_ID + "?fields=display_phone_number,verified_name,quality_rating");
        assertThat(number.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        RecordedRequest apps = graph.takeRequest();
        assertThat(apps.getMethod()).isEqualTo("GET");
        assertThat(apps.getTarget()).isEqualTo("/v23.0/" + WABA_ID + "/subscribed_apps");
        assertThat(apps.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void anExpiredTokenFailsBothChecksWithMetasReason() {
        graph.enqueue(new MockResponse.Builder().code(401).body(INVALID_TOKEN).build());
        graph.enqueue(new MockResponse.Builder().code(401).body(INVALID_TOKEN).build());

        HealthReport report = probe.check(support);

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).extracting(Check::ok).containsExactly(false, false);
        assertThat(report.checks().get(0).detail()).startsWith("Graph API 401: Error validating access token")
                .doesNotContain(TOKEN);
        assertThat(report.summary()).startsWith("phone number: Graph API 401");
    }

    @Test
    void noSubscribedAppMeansNoWebhooks() {
        graph.enqueue(new MockResponse.Builder().code(200).body("{\"display_phone_number\":\"+1 555-078-3881\",\"verified_name\":\"Lucky Shrub\",\"quality_rating\":\"GREEN\"}").build());
        graph.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[]}").build());

        HealthReport report = probe.check(support);

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks().get(0).ok()).isTrue();
        assertThat(report.checks().get(1)).isEqualTo(new Check(WhatsAppProbe.WEBHOOKS, false,
                "no app is subscribed to this WhatsApp Business Account's webhooks"));
    }

    @Test
    void neverThrows() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HealthReport unreachable = probeAt("http://127.0.0.1:" + closedPort + "/v23.0").check(support);
        assertThat(unreachable.healthy()).isFalse();
        assertThat(unreachable.checks()).extracting(Check::detail)
                .allSatisfy(d -> assertThat(d).startsWith("Graph API not reached"));

        ChannelConnection bare = new ChannelConnection(support.id(), support.organizationId(), support.channel(),
                PHONE_NUMBER_ID, "bare", "active", Json.mapper().createObjectNode(), Secrets.NONE);
        HealthReport noCredentials = probe.check(bare);
        assertThat(noCredentials.checks()).containsExactly(
                new Check(WhatsAppProbe.PHONE_NUMBER, false, "connection has no secret 'accessToken'"),
                new Check(WhatsAppProbe.WEBHOOKS, false, "the connection has no wabaId setting"));
        assertThat(graph.getRequestCount()).isZero();
    }
}
