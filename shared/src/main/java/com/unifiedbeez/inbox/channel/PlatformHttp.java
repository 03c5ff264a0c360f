package com.unifiedbeez.inbox.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one HTTP client for platform APIs (Graph API, Telegram Bot API, Twilio REST): created once
 * per container, HTTP/1.1 with short timeouts so a slow platform becomes a retry, not a stuck
 * function.
 */
@Singleton
public final class PlatformHttp {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** A platform answer: status, body and the Retry-After header when there was one. */
    public record Answer(int status, byte[] body, Optional<String> contentType, Optional<Duration> retryAfter) {
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** 429 and 5xx: the platform asks us to come back later. */
        public boolean transientFailure() {
            return status == 429 || status >= 500;
        }
    }

    private final HttpClient client;

    @Inject
    public PlatformHttp() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    /** Sends a request; IOException (refused, reset, timed out) means the platform was not reached. */
    public Answer exchange(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("content-type"),
                    response.headers().firstValue("retry-after").flatMap(PlatformHttp::seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri().getHost(), e);
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: the sender's own backoff is close enough
        }
    }
}
