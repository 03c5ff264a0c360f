package com.unifiedbeez.inbox.channel.messenger;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.PAGE_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.CustomerProfile;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The User Profile API read for a new PSID (answer shape: developers.facebook.com/documentation/business-messaging/messenger-platform/identity/user-profile). */
class MessengerProfileTest {
    private static final String PSID = "24032367339695017";

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    private final ChannelConnection page = MetaSamples.connection(Channel.MESSENGER, "106459471234567", "{}");

    private MessengerInbound inbound(String url) {
        return new MessengerInbound(new MetaGraph(MetaSamples.config(url), new PlatformHttp()));
    }

    @Test
    void firstAndLastNameBecomeTheDisplayNameWithThePicture() throws Exception {
        graph.enqueue(json(200, "{\"first_name\":\"Peter\",\"last_name\":\"Chang\","
                + "\"profile_pic\":\"https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=" + PSID
                + "\",\"id\":\"" + PSID + "\"}"));

        Optional<CustomerProfile> profile = inbound(graph.url("/").toString()).profile(page, PSID);

        assertThat(profile).contains(new CustomerProfile("Peter Chang",
                "https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=" + PSID));
        RecordedRequest request = graph.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/" + PSID + "?fields=first_name,last_name,profile_pic");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
        assertThat(request.getTarget()).doesNotContain(PAGE_TOKEN);
    }

    @Test
    void aPageWithoutThePermissionGivesNoProfileAndNoException() throws Exception {
        graph.enqueue(json(403, "{\"error\":{\"message\":\"(#200) Missing Permission\",\"type\":\"OAuthException\","
                + "\"code\":200,\"fbtrace_id\":\"AbCdEfGhIjK\"}}"));

        assertThat(inbound(graph.url("/").toString()).profile(page, PSID)).isEmpty();
        assertThat(graph.takeRequest().getTarget()).startsWith("/" + PSID + "?");
    }

    @Test
    void aServerErrorOrAnUnreachableGraphGivesNoProfile() throws IOException {
        graph.enqueue(json(500, "{\"error\":{\"message\":\"An unknown error has occurred.\",\"code\":1}}"));
        assertThat(inbound(graph.url("/").toString()).profile(page, PSID)).isEmpty();

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(inbound("http://127.0.0.1:" + port).profile(page, PSID)).isEmpty();
    }

    @Test
    void anIdThatIsNotAScopedIdIsNotSent() {
        assertThat(inbound(graph.url("/").toString()).profile(page, "../me/accounts?x=")).isEmpty();
        assertThat(graph.getRequestCount()).isZero();
    }
}
