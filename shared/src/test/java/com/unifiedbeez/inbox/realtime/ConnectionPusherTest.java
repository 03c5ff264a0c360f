package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.realtime.ConnectionPusher.Post;
import com.unifiedbeez.inbox.testing.ConnectionsStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting to connections through the real SDK client against a stand-in of {@code @connections}. */
class ConnectionPusherTest {
    private ConnectionsStandIn connections;
    private ConnectionPusher pusher;

    @BeforeEach
    void start() throws IOException {
        connections = new ConnectionsStandIn().open("a", "b", "live", "busy", "calm", "jammed");
        Config config = Config.of(Map.of(ConnectionPusher.CONCURRENCY_CONFIG, "4"));
        pusher = new ConnectionPusher(AwsClients.managementApi(config, connections.endpoint(), true), config);
    }

    @AfterEach
    void stop() {
        connections.close();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachConnectionGetsItsMessagesInOrder() {
        ConnectionPusher.Pushed pushed = pusher.push(List.of(
                new Post("a", List.of(text("1"), text("2"), text("3"))),
                new Post("b", List.of(text("1"), text("2")))));

        assertThat(pushed.delivered()).isEqualTo(5);
        assertThat(pushed.gone()).isEmpty();
        assertThat(connections.receivedBy("a")).containsExactly("1", "2", "3");
        assertThat(connections.receivedBy("b")).containsExactly("1", "2");
    }

    @Test
    void aGoneConnectionIsReportedAtOnceAndItsRestIsNotPosted() {
        ConnectionPusher.Pushed pushed = pusher.push(List.of(
                new Post("closed-1", List.of(text("1"), text("2"))),
                Post.of("forbidden-1", text("1")),
                Post.of("live", text("1"))));

        assertThat(pushed.gone()).containsExactlyInAnyOrder("closed-1", "forbidden-1");
        assertThat(connections.received()).extracting(ConnectionsStandIn.Received::connectionId).containsExactly("live");
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilDelivered() {
        connections.throttle("busy", 3);

        ConnectionPusher.Pushed pushed = pusher.push(List.of(Post.of("busy", text("x")), Post.of("calm", text("y"))));

        assertThat(pushed.delivered()).isEqualTo(2);
        assertThat(connections.receivedBy("busy")).containsExactly("x");
    }

    @Test
    void throttlingThatOutlastsTheRetriesFailsThePushSoNothingIsRecordedAsDone() {
        connections.throttle("jammed", ConnectionPusher.MAX_ATTEMPTS + 5);

        assertThatThrownBy(() -> pusher.push(List.of(Post.of("jammed", text("x")), Post.of("calm", text("y")))))
                .isInstanceOf(ConnectionPusher.PushFailed.class).hasMessageContaining("jammed");
        assertThat(connections.receivedBy("jammed")).isEmpty();
    }
}
