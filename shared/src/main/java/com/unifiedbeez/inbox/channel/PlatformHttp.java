package com.unifiedbeez.inbox.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one HTTP client for platform APIs (Graph API, Telegram Bot API, Twilio REST): created once
 * per container, HTTP/1.1 with short timeouts so a slow platform becomes a retry, not a stuck
 * function.
 *
 * <p>Redirects are followed here, not by the JDK: its {@code Redirect.NORMAL} (JDK 17) sends the
 * request's headers, Authorization included, to wherever the Location points. Twilio answers a
 * media request with a redirect to presigned storage, which refuses a second credential, and a
 * WhatsApp media URL is fetched with our access token, which no other host should see if it
 * redirects. So, like curl, Authorization goes only to the origin (scheme, host and port) it was
 * set for, and every caller gets this without asking. The rest is as the JDK does it: at most
 * {@value #MAX_REDIRECTS} hops, 303 (and 301/302 after a POST) become a GET, 307/308 repeat the
 * request, never from https to http.
 */
@Singleton
public final class PlatformHttp {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The JDK's own default (jdk.httpclient.redirects.retrylimit). */
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

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
            return transientStatus(status);
        }
    }

    /** Whether an HTTP status (or a platform's error code that mirrors one) means "come back later". */
    public static boolean transientStatus(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * Whether a status means "never, whatever we do": a 4xx other than 408 (timeout), 425 (too
     * early) and 429 (rate limit). Asking again sends the same request and gets the same answer.
     */
    public static boolean permanentStatus(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    private final HttpClient client;

    @Inject
    public PlatformHttp() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    /**
     * Sends a request, following redirects (see the class comment); IOException (refused, reset,
     * timed out) means the platform was not reached. A redirect not followed is the answer.
     */
    public Answer exchange(HttpRequest request) throws IOException {
        try {
            HttpRequest current = request;
            HttpResponse<byte[]> response = client.send(current, HttpResponse.BodyHandlers.ofByteArray());
            for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
                Optional<HttpRequest> next = redirect(current, response.statusCode(),
                        response.headers().firstValue("location"));
                if (next.isEmpty()) {
                    break;
                }
                current = next.get();
                response = client.send(current, HttpResponse.BodyHandlers.ofByteArray());
            }
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("content-type"),
                    response.headers().firstValue("retry-after").flatMap(PlatformHttp::seconds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri().getHost(), e);
        }
    }

    /** The request a redirect answer asks for, or empty when it is not one we follow. */
    static Optional<HttpRequest> redirect(HttpRequest from, int status, Optional<String> location) {
        if (!REDIRECTS.contains(status) || location.isEmpty()) {
            return Optional.empty();
        }
        URI target;
        try {
            target = from.uri().resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        boolean downgrade = "https".equalsIgnoreCase(from.uri().getScheme()) && !"https".equals(scheme);
        if (downgrade || !scheme.startsWith("http") || target.getHost() == null) {
            return Optional.empty();
        }
        boolean sameOrigin = origin(from.uri()).equals(origin(target));
        HttpRequest.Builder next = HttpRequest.newBuilder(from,
                (name, value) -> sameOrigin || !name.equalsIgnoreCase("authorization")).uri(target);
        if (status == 303 || (status <= 302 && "POST".equals(from.method()))) {
            next.GET();
        }
        return Optional.of(next.build());
    }

    private static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date: the sender's own backoff is close enough
        }
    }
}
