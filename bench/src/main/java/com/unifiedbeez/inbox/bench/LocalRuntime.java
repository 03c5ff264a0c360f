package com.unifiedbeez.inbox.bench;

import com.unifiedbeez.inbox.bench.Workload.Scenario;
import com.unifiedbeez.inbox.local.DevTokens;
import com.unifiedbeez.inbox.local.LocalInbox;
import com.unifiedbeez.inbox.local.LocalOptions;
import com.unifiedbeez.inbox.local.seed.DemoUser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Part C: the local runtime (LocalInbox: Jetty gateway, HS256 JWT authorizer, the real function
 * handlers) started on the bench's generated data folder, called over HTTP/1.1 with keep-alive by
 * one client thread, each request with a dev token of its caller. Parts F3 and G1/G2 start it on a
 * fresh, seeded folder of their own instead, for the channel sandbox's demo connections and users.
 */
final class LocalRuntime implements AutoCloseable {
    private final LocalInbox inbox;
    private final HttpClient client;
    private final Map<UUID, String> tokens = new HashMap<>();
    private final String secret;

    private LocalRuntime(LocalInbox inbox, String secret) {
        this.inbox = inbox;
        this.secret = secret;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Starts LocalInbox on {@code home} (its data folder: {@code home/postgres} is the bench database),
     * without seeding, on free ports. The bench's own server on that folder must be stopped first.
     */
    static LocalRuntime start(Path repoRoot, Path home) throws Exception {
        String secret = DevTokens.secret();
        LocalOptions options = new LocalOptions(0, home.toAbsolutePath().normalize(), false, freePort(),
                repoRoot.resolve("template.yaml"), secret, false);
        return new LocalRuntime(LocalInbox.start(options), secret);
    }

    /**
     * Part F3: LocalInbox on a fresh data folder of its own ({@code folder}, deleted first), with the
     * demo seed (its organizations, users and sandbox channel connections), on free ports.
     */
    static LocalRuntime startDemo(Path repoRoot, Path folder) throws Exception {
        String secret = DevTokens.secret();
        LocalOptions options = new LocalOptions(0, folder.toAbsolutePath().normalize(), true, freePort(),
                repoRoot.resolve("template.yaml"), secret, true);
        return new LocalRuntime(LocalInbox.start(options), secret);
    }

    /** POST of a JSON body, without a token (the sandbox's endpoints take none). */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET as a demo user, with a dev token of theirs. */
    HttpResponse<String> get(String pathAndQuery, DemoUser user) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token(user))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a JSON body ({@code PATCH}, {@code POST}, ...) as a demo user. */
    HttpResponse<String> send(String method, String path, String json, DemoUser user)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + path))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A dev token of the demo user (the HTTP API's and the WebSocket API's {@code ?token=}). */
    String token(DemoUser user) {
        return tokens.computeIfAbsent(user.id(), id -> DevTokens.mint(secret, user));
    }

    LocalInbox inbox() {
        return inbox;
    }

    Measure.Transport transport() {
        return this::call;
    }

    private Measure.Answer call(Scenario s) throws IOException, InterruptedException {
        String token = tokens.computeIfAbsent(s.who().user(), user -> DevTokens.mint(secret, user, s.who().organization(),
                s.who().role(), "Bench " + s.who().role(), Instant.now().plus(Duration.ofDays(1))));
        HttpRequest request = HttpRequest.newBuilder(URI.create(inbox.baseUrl() + s.pathAndQuery()))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Measure.Answer(response.statusCode(), response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        inbox.close();
    }
}
