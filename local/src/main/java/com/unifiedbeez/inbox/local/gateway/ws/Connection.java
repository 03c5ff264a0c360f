package com.unifiedbeez.inbox.local.gateway.ws;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client's WebSocket connection, from its $connect on: who it is (id, source IP, user agent,
 * the Host it called), when it connected and was last active, and its socket once the upgrade is
 * done. Invocations of its functions run in order on {@link #invocations}.
 */
final class Connection {
    /** How long one frame may take to go out before the send is given up as failed. */
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final String id;
    private final long connectedAt;
    private final String sourceIp;
    private final String userAgent;
    private final String domainName;
    private final SerialExecutor invocations;
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final Object sending = new Object();
    private volatile Session session;
    private volatile long lastActiveAt;
    private volatile ScheduledFuture<?> idleTimer;
    private volatile ScheduledFuture<?> lifetimeTimer;

    Connection(String id, long connectedAt, String sourceIp, String userAgent, String domainName,
               SerialExecutor invocations) {
        this.id = id;
        this.connectedAt = connectedAt;
        this.lastActiveAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.domainName = domainName;
        this.invocations = invocations;
    }

    String id() {
        return id;
    }

    long connectedAt() {
        return connectedAt;
    }

    long lastActiveAt() {
        return lastActiveAt;
    }

    String sourceIp() {
        return sourceIp;
    }

    String userAgent() {
        return userAgent;
    }

    String domainName() {
        return domainName;
    }

    SerialExecutor invocations() {
        return invocations;
    }

    void opened(Session socket) {
        this.session = socket;
    }

    void idleTimer(ScheduledFuture<?> timer) {
        this.idleTimer = timer;
    }

    void lifetimeTimer(ScheduledFuture<?> timer) {
        this.lifetimeTimer = timer;
    }

    void cancelTimers() {
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {idleTimer, lifetimeTimer}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /** Data went in or out: the idle clock starts again. */
    void touch() {
        lastActiveAt = System.currentTimeMillis();
    }

    boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && !disconnected.get();
    }

    /** True the first time only: the one caller that gets it runs $disconnect. */
    boolean markDisconnected() {
        return disconnected.compareAndSet(false, true);
    }

    /** Starts the closing handshake with this status; the close itself is reported by the socket. */
    void close(int status, String reason) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(status, reason, Callback.NOOP);
        }
    }

    /**
     * Sends one text message, in frames of at most {@code frameBytes} bytes of UTF-8 (as API Gateway
     * splits a message over its frame quota), and returns once it is written.
     */
    void sendText(String text, int frameBytes) throws SendFailed {
        List<String> fragments = fragments(text, frameBytes);
        synchronized (sending) { // one message at a time: partial frames of two messages must not interleave
            Session s = openSession();
            for (int i = 0; i < fragments.size(); i++) {
                boolean last = i == fragments.size() - 1;
                String fragment = fragments.get(i);
                await(callback -> s.sendPartialText(fragment, last, callback));
            }
            touch();
        }
    }

    /** Sends one binary message, in frames of at most {@code frameBytes} bytes. */
    void sendBinary(byte[] data, int frameBytes) throws SendFailed {
        synchronized (sending) {
            Session s = openSession();
            int offset = 0;
            do {
                int length = Math.min(frameBytes, data.length - offset);
                ByteBuffer part = ByteBuffer.wrap(data, offset, length);
                offset += length;
                boolean last = offset >= data.length;
                await(callback -> s.sendPartialBinary(part, last, callback));
            } while (offset < data.length);
            touch();
        }
    }

    /** The message could not be written (the socket closed, or the write failed or timed out). */
    static final class SendFailed extends Exception {
        SendFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Session openSession() throws SendFailed {
        Session s = session;
        if (s == null || !s.isOpen() || disconnected.get()) {
            throw new SendFailed("connection " + id + " is not open", null);
        }
        return s;
    }

    private interface Send {
        void start(Callback callback);
    }

    private void await(Send send) throws SendFailed {
        CompletableFuture<Void> done = new CompletableFuture<>();
        send.start(Callback.from(() -> done.complete(null), done::completeExceptionally));
        try {
            done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailed("interrupted while sending to " + id, e);
        } catch (ExecutionException e) {
            throw new SendFailed("sending to " + id + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new SendFailed("sending to " + id + " timed out", e);
        }
    }

    /** The text cut into pieces of at most {@code maxBytes} UTF-8 bytes, never inside a character. */
    static List<String> fragments(String text, int maxBytes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                out.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        out.add(text.substring(start));
        return out;
    }
}
