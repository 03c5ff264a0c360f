package com.unifiedbeez.inbox.channel.instagram;

import static com.unifiedbeez.inbox.channel.meta.MetaSamples.PAGE_TOKEN;
import static com.unifiedbeez.inbox.channel.meta.MetaSamples.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.CustomerProfile;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.channel.meta.MetaSamples;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The User Profile API read for a new IGSID (developers.facebook.com/documentation/business-messaging/instagram-messaging/features/user-profile). */
class InstagramProfileTest {
    private static final String IGSID = "6543219876543210";

    @StartStop
    private final MockWebServer graph = new MockWebServer();

    private final ChannelConnection account = MetaSamples.connection(Channel.INSTAGRAM, "17841400008460056", "{}");

    private InstagramInbound inbound() {
        return new InstagramInbound(new MetaGraph(MetaSamples.config(graph.url("/").toString()), new PlatformHttp()));
    }

    @Test
    void nameAndPictureOfTheCustomer() throws Exception {
        graph.enqueue(json(200, "{\"name\":\"Peter Chang\",\"username\":\"peter.chang\","
                + "\"profile_pic\":\"https://scontent.cdninstagram.com/v/t51.2885-19/p.jpg\",\"id\":\"" + IGSID + "\"}"));

        assertThat(inbound().profile(account, IGSID)).contains(new CustomerProfile("Peter Chang",
                "https://scontent.cdninstagram.com/v/t51.2885-19/p.jpg"));
        RecordedRequest request = graph.takeRequest();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/" + IGSID + "?fields=name,username,profile_pic");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + PAGE_TOKEN);
    }

    @Test
    void withoutANameTheUsernameStandsIn() {
        graph.enqueue(json(200, "{\"name\":null,\"username\":\"peter.chang\",\"profile_pic\":null,\"id\":\"" + IGSID + "\"}"));

        assertThat(inbound().profile(account, IGSID)).contains(new CustomerProfile("peter.chang", null));
    }

    @Test
    void aRefusalGivesNoProfileAndNoException() {
        graph.enqueue(json(403, "{\"error\":{\"message\":\"User consent is required to access user profile\","
                + "\"type\":\"IGApiException\",\"code\":230,\"fbtrace_id\":\"AbCdEfGhIjK\"}}"));

        assertThat(inbound().profile(account, IGSID)).isEmpty();
    }
}
