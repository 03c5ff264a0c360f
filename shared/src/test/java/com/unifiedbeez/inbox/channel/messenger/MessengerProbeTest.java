package com.unifiedbeez.inbox.channel.messenger;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.PAGE_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.text;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import java.io.IOException;
import java.net.ServerSocket;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class MessengerProbeTest {
    private static final String PAGE_ID = "106459471234567";

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    private final ChannelConnection page = MetaSamples.connection(Channel.MESSENGER, PAGE_ID, "{}");

    @Test
    void healthyWhenTheTokenReadsThePageAndAnAppReceivesItsMessages() throws Exception {
        graph.enqueue(json(200, "{\"name\":\"Beez Bakery\",\"id\":\"" + PAGE_ID + "\"}"));
        graph.enqueue(json(200, "{\"data\":[{\"category\":\"Business\",\"link\":\"https://example.test/app\","
                + "\"name\":\"UnifiedBeez Inbox\",\"id\":\"1517776481860111\","
                + "\"subscribed_fields\":[\"messages\",\"messaging_postbacks\",\"message_deliveries\",\"message_reads\"]}]}"));

        HealthReport report = probe(graph.url("/").toString()).check(page);

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).containsExactly(
                new Check("page token", true, "page Beez Bakery"),
                new Check("webhook subscribed", true, "app UnifiedBeez Inbox receives messages"));
        RecordedRequest pageRequest = graph.takeRequest();
        assertThat(pageRequest.getMethod()).isEqualTo("GET");
        assertThat(pageRequest.getTarget()).isEqualTo("/" + PAGE_ID + "?fields=id,name");
        assertThat(pageRequest.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
        assertThat(graph.takeRequest().getTarget()).isEqualTo("/" + PAGE_ID + "/subscribed_apps");
    }

    @Test
    void anInvalidTokenFailsBothChecksWithThePlatformsWords() {
        graph.enqueue(json(400, text("messenger", "send-api-error-token.json")));
        graph.enqueue(json(400, text("messenger", "send-api-error-token.json")));

        HealthReport report = probe(graph.url("/").toString()).check(page);

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).extracting(Check::ok).containsExactly(false, false);
        assertThat(report.summary()).isEqualTo("page token: 190/1234567: Invalid OAuth access token.");
        assertThat(report.toString()).doesNotContain(PAGE_TOKEN);
    }

    @Test
    void aPageWithoutSubscribedAppIsUnhealthy() {
        graph.enqueue(json(200, "{\"name\":\"Beez Bakery\",\"id\":\"" + PAGE_ID + "\"}"));
        graph.enqueue(json(200, "{\"data\":[]}"));

        HealthReport report = probe(graph.url("/").toString()).check(page);

        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).isEqualTo("webhook subscribed: unexpected answer");
    }

    @Test
    void anUnreachableGraphIsAFailedCheckNotAnException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        HealthReport report = probe("http://127.0.0.1:" + port).check(page);

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.detail()).startsWith("Graph API not reached"));
    }

    private MessengerProbe probe(String graphUrl) {
        return new MessengerProbe(new MetaGraph(MetaSamples.config(graphUrl), new PlatformHttp()));
    }
}
