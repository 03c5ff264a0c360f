package com.unifiedbeez.inbox.flow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Answers for a MockWebServer standing in for the platforms' APIs (Graph API, Telegram Bot API,
 * Twilio) and their media hosts: fixed answers by "METHOD path", answers to sends taken in turn,
 * and paths that answer 500 while the test says they are down.
 */
final class PlatformStandIn extends Dispatcher {
    private final Map<String, MockResponse> routes = new ConcurrentHashMap<>();
    private final Deque<MockResponse> sends = new ArrayDeque<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    /** A file served at {@code path} (with its query string when given one). */
    void file(String path, String contentType, byte[] bytes) {
        routes.put("GET " + path, new MockResponse.Builder().code(200).setHeader("Content-Type", contentType)
                .body(new Buffer().write(bytes)).build());
    }

    /** A JSON answer to {@code method path}. */
    void json(String method, String path, String body) {
        routes.put(method + " " + path, jsonAnswer(200, body));
    }

    /** A JSON answer with its status to {@code method path}: a platform's error, as it writes it. */
    void json(String method, String path, int code, String body) {
        routes.put(method + " " + path, jsonAnswer(code, body));
    }

    /** The next answer to a send (a POST no fixed route takes). */
    synchronized void nextSend(int code, String json) {
        sends.add(jsonAnswer(code, json));
    }

    void down(String path) {
        down.add(path);
    }

    void up(String path) {
        down.remove(path);
    }

    static MockResponse jsonAnswer(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (down.contains(path)) {
            return new MockResponse.Builder().code(500).setHeader("Content-Type", "text/plain")
                    .body("upstream unavailable").build();
        }
        MockResponse fixed = routes.getOrDefault(request.getMethod() + " " + request.getTarget(),
                routes.get(request.getMethod() + " " + path));
        if (fixed != null) {
            return fixed;
        }
        if ("POST".equals(request.getMethod())) {
            synchronized (this) {
                if (!sends.isEmpty()) {
                    return sends.poll();
                }
            }
        }
        return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"no stand-in answer for " + request.getMethod() + " " + path + "\"}").build();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
