package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.event.SequencedEvent;
import com.unifiedbeez.inbox.testing.RealtimeContract;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The frames a connection gets: the stored payload as is, and a reference when it is too large to push. */
class FramesTest {
    private static final UUID EPOCH = UUID.randomUUID();

    private static SequencedEvent status(long seq, String payload) {
        return new SequencedEvent(UUID.randomUUID(), UUID.randomUUID(), seq, EPOCH, "message:status", null, payload, null,
                Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void aLoggedEventCarriesItsPlaceInTheStreamAndItsPayloadAsStored() {
        String id = UUID.randomUUID().toString();
        String frame = new String(Frames.logged(status(7, "{\"messageId\": \"" + id + "\", \"status\": \"read\"}")),
                StandardCharsets.UTF_8);

        assertThat(frame).startsWith("{\"event\":\"message:status\",\"seq\":7,\"epoch\":\"" + EPOCH + "\"")
                .contains("\"data\":{\"messageId\": \"" + id + "\", \"status\": \"read\"}");
        RealtimeContract.get().checkEvent(frame);
    }

    @Test
    void anEventOverTheMessageLimitIsPushedAsTheReplayUrlThatReturnsIt() {
        String big = "{\"messageId\": \"" + UUID.randomUUID() + "\", \"status\": \"read\", \"pad\": \""
                + "x".repeat(Frames.MAX_MESSAGE_BYTES) + "\"}";
        byte[] frame = Frames.logged(status(12, big));
        String text = new String(frame, StandardCharsets.UTF_8);

        assertThat(frame.length).isLessThan(1024);
        assertThat(text).contains("\"tooLarge\":true", "\"ref\":\"/api/inbox/events?since=11&limit=1&epoch=" + EPOCH + "\"")
                .doesNotContain("\"data\"");
        RealtimeContract.get().checkEvent(text);
    }
}
