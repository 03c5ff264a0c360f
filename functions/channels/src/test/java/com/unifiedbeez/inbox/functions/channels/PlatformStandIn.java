package com.unifiedbeez.inbox.functions.channels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local HTTP server standing in for a platform's token check, one per test JVM: {@code GET
 * /check/{channel}/{account}} with {@code Authorization: Bearer <token>} answers 200 unless the
 * token was revoked, then 401 with a Graph-API-style OAuth error. Every request is kept.
 */
final class PlatformStandIn {
    /** One request as the platform saw it. */
    record Seen(String path, String authorization, String webhookSecret) {
    }

    private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
    private static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    private static MockWebServer server;

    private PlatformStandIn() {
    }

    static synchronized String url() {
        if (server == null) {
            server = new MockWebServer();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String authorization = request.getHeaders().get("Authorization");
                    SEEN.add(new Seen(request.getUrl().encodedPath(), authorization, request.getHeaders().get("X-Webhook-Secret")));
                    if (!"GET".equals(request.getMethod()) || !request.getUrl().encodedPath().startsWith("/check/")) {
                        return new MockResponse.Builder().code(404).build();
                    }
                    if (authorization == null || REVOKED.contains(authorization.substring("Bearer ".length()))) {
                        return new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                                .body("{\"error\":{\"message\":\"Error validating access token: The session has been invalidated\","
                                        + "\"type\":\"OAuthException\",\"code\":190}}").build();
                    }
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body("{\"success\":true}").build();
                }
            });
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server.url("/").toString().replaceAll("/$", "");
    }

    static void revoke(String token) {
        REVOKED.add(token);
    }

    static void restore(String token) {
        REVOKED.remove(token);
    }

    /** Requests that presented this token. */
    static List<Seen> seenWith(String token) {
        return SEEN.stream().filter(s -> ("Bearer " + token).equals(s.authorization())).toList();
    }

    static int seenCount() {
        return SEEN.size();
    }
}
