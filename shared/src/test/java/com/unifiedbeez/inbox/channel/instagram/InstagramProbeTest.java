package com.unifiedbeez.inbox.channel.instagram;

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
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class InstagramProbeTest {
    private static final String IG_ID = "17841405822304914";
    private static final String PAGE_ID = "106459471234567";

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    @Test
    void healthyWhenTheAccountReadsAndThePageIsSubscribed() throws Exception {
        graph.enqueue(json(200, "{\"id\":\"" + IG_ID + "\",\"username\":\"beezbakery\"}"));
        graph.enqueue(json(200, "{\"data\":[{\"name\":\"UnifiedBeez Inbox\",\"id\":\"1517776481860111\","
                + "\"subscribed_fields\":[\"messages\"]}]}"));

        HealthReport report = probe().check(
                MetaSamples.connection(Channel.INSTAGRAM, IG_ID, "{\"pageId\":\"" + PAGE_ID + "\"}"));

        assertThat(report.checks()).containsExactly(
                new Check("instagram account", true, "@beezbakery"),
                new Check("webhook subscribed", true, "app UnifiedBeez Inbox receives messages"));
        assertThat(report.healthy()).isTrue();
        RecordedRequest account = graph.takeRequest();
        assertThat(account.getTarget()).isEqualTo("/" + IG_ID + "?fields=id,username");
        assertThat(account.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
        assertThat(graph.takeRequest().getTarget()).isEqualTo("/" + PAGE_ID + "/subscribed_apps");
    }

    @Test
    void anInvalidTokenAndAMissingPageIdAreFailedChecks() {
        graph.enqueue(json(400, text("messenger", "send-api-error-token.json")));

        HealthReport report = probe().check(MetaSamples.connection(Channel.INSTAGRAM, IG_ID, "{}"));

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).containsExactly(
                new Check("instagram account", false, "190/1234567: Invalid OAuth access token."),
                new Check("webhook subscribed", false, "the connection has no pageId setting"));
        assertThat(graph.getRequestCount()).isEqualTo(1);
    }

    private InstagramProbe probe() {
        return new InstagramProbe(new MetaGraph(MetaSamples.config(graph.url("/").toString()), new PlatformHttp()));
    }
}
