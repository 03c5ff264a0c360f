package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.event.SequencedEvent;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a connection receives, one JSON object per WebSocket message:
 * {@code {"event", "seq", "epoch", "occurredAt", "data"}} for a logged event (its payload written as
 * stored, never re-serialized), {@code {"event", "data"}} for an ephemeral one. An event whose
 * message would pass API Gateway's 128 KB limit for {@code @connections} is pushed as a reference:
 * {@code "data"} left out, {@code "ref"} the replay URL that returns it whole.
 */
public final class Frames {
    /** API Gateway's limit for one message posted to a connection. */
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private Frames() {
    }

    public static byte[] logged(SequencedEvent event) {
        String head = "{\"event\":" + Json.write(event.name()) + ",\"seq\":" + event.seq() + ",\"epoch\":\""
                + event.epoch() + "\",\"occurredAt\":" + Json.write(event.occurredAt());
        byte[] whole = (head + ",\"data\":" + event.payloadJson() + "}").getBytes(StandardCharsets.UTF_8);
        if (whole.length <= MAX_MESSAGE_BYTES) {
            return whole;
        }
        String ref = "/api/inbox/events?since=" + (event.seq() - 1) + "&limit=1&epoch=" + event.epoch();
        return (head + ",\"tooLarge\":true,\"ref\":" + Json.write(ref) + "}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] ephemeral(String event, Object data) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("event", event);
        frame.put("data", data);
        return Json.write(frame).getBytes(StandardCharsets.UTF_8);
    }
}
