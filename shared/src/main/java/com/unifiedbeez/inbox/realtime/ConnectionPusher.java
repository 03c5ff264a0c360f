package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.inject.Inject;
import javax.inject.Singleton;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * Posts messages to WebSocket connections through {@code @connections}, at most
 * {@value #CONCURRENCY_CONFIG} at once (default {@value #DEFAULT_CONCURRENCY}). A connection that
 * answers 410 is gone and reported so, at once. Throttling ({@code LimitExceededException}: the
 * account's request bucket that {@code @connections} shares with the HTTP API) and server errors
 * are retried with exponential backoff and jitter; a post still refused after
 * {@value #MAX_ATTEMPTS} attempts fails the whole push ({@link PushFailed}), so the caller records
 * nothing and the push is made again — a throttled message is delayed, never dropped.
 */
@Singleton
public final class ConnectionPusher {
    public static final String CONCURRENCY_CONFIG = "INBOX_FANOUT_CONCURRENCY";
    static final int DEFAULT_CONCURRENCY = 32;
    static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MS = 25;
    private static final long MAX_BACKOFF_MS = 2_000;

    /** Messages for one connection, delivered in this order. */
    public record Post(String connectionId, List<byte[]> messages) {
        public static Post of(String connectionId, byte[] message) {
            return new Post(connectionId, List.of(message));
        }
    }

    /** What a push achieved: messages delivered, and the connections found gone (their rest not posted). */
    public record Pushed(int delivered, List<String> gone) {
    }

    /** A post that throttling or errors kept from succeeding; nothing of the push may be recorded as done. */
    public static final class PushFailed extends RuntimeException {
        PushFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ApiGatewayManagementApiClient api;
    private final ExecutorService pool;

    @Inject
    public ConnectionPusher(ApiGatewayManagementApiClient api, Config config) {
        this.api = api;
        int concurrency = config.get(CONCURRENCY_CONFIG).map(Integer::parseInt).orElse(DEFAULT_CONCURRENCY);
        this.pool = Executors.newFixedThreadPool(Math.max(1, concurrency), runnable -> {
            Thread thread = new Thread(runnable, "push");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Posts every message, connections in parallel, each connection's messages in order; returns
     * once each was delivered or its connection found gone.
     */
    public Pushed push(List<Post> posts) {
        if (posts.size() == 1) {
            return collect(posts, List.of(post(posts.get(0)))); // no hop to the pool for one
        }
        List<Future<Posted>> futures = new ArrayList<>(posts.size());
        for (Post p : posts) {
            futures.add(pool.submit(() -> post(p)));
        }
        List<Posted> outcomes = new ArrayList<>(posts.size());
        for (Future<Posted> future : futures) {
            outcomes.add(Runs.get(future));
        }
        return collect(posts, outcomes);
    }

    private static Pushed collect(List<Post> posts, List<Posted> results) {
        int delivered = 0;
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            delivered += results.get(i).delivered();
            if (results.get(i).gone()) {
                gone.add(posts.get(i).connectionId());
            }
        }
        return new Pushed(delivered, gone);
    }

    private Posted post(Post p) {
        int delivered = 0;
        for (byte[] message : p.messages()) {
            if (postOne(p.connectionId(), message) == Outcome.GONE) {
                return new Posted(delivered, true);
            }
            delivered++;
        }
        return new Posted(delivered, false);
    }

    private Outcome postOne(String connectionId, byte[] message) {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                api.postToConnection(r -> r.connectionId(connectionId).data(SdkBytes.fromByteArrayUnsafe(message)));
                return Outcome.DELIVERED;
            } catch (GoneException | ForbiddenException e) {
                // 410: the socket closed. 403: an id the API never issued (or of another stage) — as gone.
                return Outcome.GONE;
            } catch (PayloadTooLargeException e) {
                throw new IllegalStateException("a frame over the @connections limit reached the pusher", e);
            } catch (ApiGatewayManagementApiException | SdkClientException e) {
                if (!retryable(e) || attempt == MAX_ATTEMPTS) {
                    throw new PushFailed("post to connection " + connectionId + " failed after " + attempt
                            + " attempts: " + e.getMessage(), e);
                }
                sleep(ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    /** Throttling (429), server errors (5xx) and failed connections are worth another attempt; other 4xx are not. */
    private static boolean retryable(RuntimeException e) {
        if (e instanceof ApiGatewayManagementApiException api) {
            return api.statusCode() == 429 || api.statusCode() >= 500 || api.isThrottlingException();
        }
        return true;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailed("interrupted while backing off", e);
        }
    }

    private enum Outcome { DELIVERED, GONE }

    /** One connection's part of a push. */
    private record Posted(int delivered, boolean gone) {
    }

    /** Unwraps a post's result: its own failure is rethrown as is. */
    private static final class Runs {
        static Posted get(Future<Posted> future) {
            try {
                return future.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new PushFailed("post failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PushFailed("interrupted while pushing", e);
            }
        }
    }
}
