package com.unifiedbeez.inbox.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for API Gateway's {@code @connections} (POST), answering as API Gateway does: 200 for
 * an open connection, 410 {@code GoneException} for any other, 403 {@code ForbiddenException} for an
 * id starting with "forbidden", 429 {@code LimitExceededException} while a connection is throttled
 * ({@code x-amzn-ErrorType}, {@code {"message"}}), so the real SDK client raises the real
 * exceptions. The local module's WebSocket gateway is the full emulation; this one keeps what it
 * received, for the tests of what is pushed.
 */
public final class ConnectionsStandIn implements AutoCloseable {
    /** One message a connection received. */
    public record Received(String connectionId, String body) {
    }

    private final HttpServer server;
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> throttled = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ConnectionsStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/@connections/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public ConnectionsStandIn open(String... connectionIds) {
        open.addAll(List.of(connectionIds));
        return this;
    }

    /** The next {@code times} posts to the connection are refused with 429. */
    public ConnectionsStandIn throttle(String connectionId, int times) {
        throttled.put(connectionId, new AtomicInteger(times));
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** What one connection received, in order. */
    public List<String> receivedBy(String connectionId) {
        return received.stream().filter(r -> r.connectionId().equals(connectionId)).map(Received::body).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/@connections/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (id.startsWith("forbidden")) {
            error(exchange, 403, "ForbiddenException", "Forbidden");
        } else if (!open.contains(id)) {
            error(exchange, 410, "GoneException", "");
        } else if (throttled.getOrDefault(id, new AtomicInteger()).getAndDecrement() > 0) {
            error(exchange, 429, "LimitExceededException", "Rate exceeded");
        } else {
            received.add(new Received(id, body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        byte[] body = ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
