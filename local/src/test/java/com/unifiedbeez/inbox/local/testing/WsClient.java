package com.unifiedbeez.inbox.local.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A test's WebSocket client (the JDK's {@link WebSocket}): collects whole messages (and the parts each
 * arrived in), and how the server closed it. Each client names itself in its upgrade's query
 * ({@code client=<uuid>}), so a test finds its connection id in what $connect was given.
 */
public final class WsClient implements WebSocket.Listener {
    /** A whole message and the parts (frames or pieces of frames) it came in. */
    public record Message(String text, List<String> parts) {
    }

    /** How the connection ended: the status and reason the server's close frame carried. */
    public record Close(int status, String reason) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    public final String name = UUID.randomUUID().toString();
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder current = new StringBuilder();
    private final List<String> currentParts = new ArrayList<>();
    private WebSocket socket;

    private WsClient() {
    }

    /** Opens a connection to {@code url} (query {@code extraQuery} added, e.g. {@code token=reject}). */
    public static CompletableFuture<WsClient> open(String url, String extraQuery, String... subprotocols) {
        WsClient client = new WsClient();
        String query = "client=" + client.name + (extraQuery == null ? "" : "&" + extraQuery);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create(url + "?" + query), client).thenApply(ws -> {
            client.socket = ws;
            return client;
        });
    }

    public static WsClient connect(String url) throws Exception {
        return open(url, null).get(10, TimeUnit.SECONDS);
    }

    public WebSocket socket() {
        return socket;
    }

    /** The connection id API Gateway gave this client (from its $connect event). */
    public String connectionId() {
        synchronized (WsRecordingHandler.SEEN) {
            return WsRecordingHandler.SEEN.stream()
                    .filter(s -> s.eventType().equals("CONNECT")
                            && name.equals(s.event().path("queryStringParameters").path("client").asText()))
                    .map(WsRecordingHandler.Seen::connectionId).findFirst()
                    .orElseThrow(() -> new AssertionError("no $connect seen for client " + name));
        }
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The next whole message, or an AssertionError after {@code timeout}. */
    public Message next(Duration timeout) throws InterruptedException {
        Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }

    /** A message if one arrives within {@code timeout}, else null. */
    public Message poll(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Close awaitClose(Duration timeout) throws Exception {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (current) {
            current.append(data);
            currentParts.add(data.toString());
            if (last) {
                messages.add(new Message(current.toString(), List.copyOf(currentParts)));
                current.setLength(0);
                currentParts.clear();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Close(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Waits for a condition with a deadline (no fixed sleeps). */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
