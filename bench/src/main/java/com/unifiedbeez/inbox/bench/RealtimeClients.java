package com.unifiedbeez.inbox.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Part G's agents: WebSocket clients of the local WebSocket API ({@code java.net.http.WebSocket},
 * all on one {@link HttpClient}), each connected with a dev token as {@code ?token=}, as the inbox's
 * web client connects. A {@link Watch} armed on them records, per client, when the first frame it
 * accepts arrived (its last fragment, {@link System#nanoTime()}, before the frame is looked at).
 */
final class RealtimeClients implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Client> clients = new ArrayList<>();
    /** The clients of each {@link #open} stream (one per token), closed the same way. */
    private final List<List<Client>> streams = new ArrayList<>();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-ws-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile Watch watch;

    /**
     * Opens {@code perToken} connections with each token: one stream of handshakes per token, each
     * waiting for its previous one, the streams side by side; returns once every connection is open
     * (its {@code $connect} admitted it). One user's connects are never in flight together: the
     * presence item of a user takes one write per connect, conditioned on its version.
     */
    void open(String url, List<String> tokens, int perToken) throws Exception {
        List<List<Client>> opened = new ArrayList<>();
        for (String token : tokens) {
            List<Client> stream = new ArrayList<>();
            for (int i = 0; i < perToken; i++) {
                Client client = new Client(clients.size());
                clients.add(client);
                stream.add(client);
            }
            opened.add(stream);
            streams.add(stream);
        }
        ExecutorService openers = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < tokens.size(); t++) {
                URI uri = URI.create(url + "/?token=" + URLEncoder.encode(tokens.get(t), StandardCharsets.UTF_8));
                List<Client> stream = opened.get(t);
                done.add(openers.submit(() -> {
                    for (Client client : stream) {
                        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, client)
                                .get(60, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            openers.shutdownNow();
        }
    }

    int size() {
        return clients.size();
    }

    /** Frames received by every client so far (events, presence, pongs). */
    long frames() {
        return frames.get();
    }

    /** Connections closed by the server or failed. */
    long errors() {
        return errors.get();
    }

    /**
     * From now on each client records the first frame {@code match} accepts (the watch before it
     * stops recording).
     */
    Watch arm(Predicate<String> match) {
        Watch w = new Watch(match, clients.size());
        watch = w;
        return w;
    }

    /**
     * A {@code ping} every {@code period} from the given clients, as the web client sends one: it keeps
     * their users' presence from lapsing (the sweep would announce them away to every connection).
     */
    void heartbeat(List<Integer> which, Duration period) {
        heartbeats.scheduleAtFixedRate(() -> {
            for (int i : which) {
                WebSocket ws = clients.get(i).socket;
                if (ws != null && !ws.isOutputClosed()) {
                    ws.sendText("{\"action\":\"ping\"}", true);
                }
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Closes every connection (1000), as they were opened: one stream per token, each close waiting for
     * the server's (its {@code $disconnect} runs meanwhile), for at most {@code wait} in all; what is
     * still open then is aborted.
     */
    void closeAll(Duration wait) {
        heartbeats.shutdownNow();
        long end = System.nanoTime() + wait.toNanos();
        ExecutorService closers = Executors.newFixedThreadPool(Math.max(1, streams.size()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<Client> stream : streams) {
                done.add(closers.submit(() -> {
                    for (Client c : stream) {
                        long left = end - System.nanoTime();
                        if (c.socket == null || c.socket.isOutputClosed() || left <= 0) {
                            continue;
                        }
                        try {
                            c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
                            c.closed.get(Math.min(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
                        } catch (Exception e) {
                            // aborted below
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (Exception e) {
            // what is still open is aborted below
        } finally {
            closers.shutdownNow();
        }
        for (Client c : clients) {
            if (c.socket != null && !c.socket.isInputClosed()) {
                c.socket.abort();
            }
        }
    }

    /**
     * Closes every connection in batches of {@code batch}, each batch once {@code registered} (the
     * connections the server still holds) has come down to what is left open: the server's
     * {@code $disconnect}s run at the pace they finish, not all at once. At most {@code wait} in all.
     */
    void closePaced(int batch, IntSupplier registered, Duration wait) throws InterruptedException {
        heartbeats.shutdownNow();
        long end = System.nanoTime() + wait.toNanos();
        int open = clients.size();
        for (int from = 0; from < clients.size() && System.nanoTime() < end; from += batch) {
            for (Client c : clients.subList(from, Math.min(clients.size(), from + batch))) {
                if (c.socket != null && !c.socket.isOutputClosed()) {
                    c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bench done");
                }
            }
            open = Math.max(0, open - batch);
            while (registered.getAsInt() > open && System.nanoTime() < end) {
                Thread.sleep(100);
            }
        }
        closeAll(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        closeAll(Duration.ofSeconds(5));
    }

    /** The first accepted frame of each client: when it arrived, and the text of one of them. */
    static final class Watch {
        private final Predicate<String> match;
        private final AtomicLongArray arrivals;
        private final CountDownLatch all;
        private volatile String sample;

        private Watch(Predicate<String> match, int clients) {
            this.match = match;
            this.arrivals = new AtomicLongArray(clients);
            this.all = new CountDownLatch(clients);
        }

        private void offer(int client, String text, long at) {
            if (client < arrivals.length() && arrivals.get(client) == 0 && match.test(text)
                    && arrivals.compareAndSet(client, 0, at)) {
                if (sample == null) {
                    sample = text;
                }
                all.countDown();
            }
        }

        /** True when every client had its frame within {@code timeout}. */
        boolean await(Duration timeout) throws InterruptedException {
            return all.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        int arrived() {
            return (int) (arrivals.length() - all.getCount());
        }

        /** Nanoseconds from {@code from} to each client's frame, of the clients that had it, sorted. */
        long[] after(long from) {
            long[] out = new long[arrivals.length()];
            int n = 0;
            for (int i = 0; i < arrivals.length(); i++) {
                long at = arrivals.get(i);
                if (at != 0) {
                    out[n++] = at - from;
                }
            }
            long[] result = java.util.Arrays.copyOf(out, n);
            java.util.Arrays.sort(result);
            return result;
        }

        /** The text of the first frame accepted. */
        String sample() {
            return sample;
        }
    }

    /** One connection: whole messages (fragments joined), each offered to the armed watch. */
    private final class Client implements WebSocket.Listener {
        private final int index;
        private final StringBuilder message = new StringBuilder();
        private final CompletableFuture<Void> closed = new CompletableFuture<>();
        private volatile WebSocket socket;

        Client(int index) {
            this.index = index;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                long at = System.nanoTime();
                String text = message.toString();
                message.setLength(0);
                frames.incrementAndGet();
                Watch w = watch;
                if (w != null) {
                    w.offer(index, text, at);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            if (statusCode != WebSocket.NORMAL_CLOSURE) {
                errors.incrementAndGet();
            }
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            errors.incrementAndGet();
            closed.complete(null);
        }
    }
}
