package com.unifiedbeez.inbox.local.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CORS as API Gateway HTTP APIs apply their {@code CorsConfiguration}
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html): a preflight
 * ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) is answered by the
 * gateway itself, route or not; every other answer to a request with an allowed {@code Origin} gets
 * the configured headers, and the function's own CORS headers are dropped. Origins match exactly,
 * or by {@code *}, {@code https://*} or {@code http://*}.
 */
final class CorsPolicy {
    /** No CorsConfiguration: no preflight answers, no headers added. */
    static final CorsPolicy NONE = new CorsPolicy(null);

    private final SamTemplate.Cors cors;

    CorsPolicy(SamTemplate.Cors cors) {
        this.cors = cors;
    }

    boolean enabled() {
        return cors != null;
    }

    /** The answer to a preflight, or empty when the request is not one. */
    Optional<GatewayResponse> preflight(GatewayRequest request, String requestId) {
        String origin = request.header("origin");
        String method = request.header("access-control-request-method");
        if (cors == null || !"OPTIONS".equalsIgnoreCase(request.method()) || origin == null || method == null) {
            return Optional.empty();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("apigw-requestid", requestId));
        Optional<String> allowed = allowedOrigin(origin);
        if (allowed.isPresent() && allows(cors.allowMethods(), method)) {
            headers.add(Map.entry("access-control-allow-origin", allowed.get()));
            headers.add(Map.entry("access-control-allow-methods", String.join(",", cors.allowMethods())));
            String requested = request.header("access-control-request-headers");
            if (!cors.allowHeaders().isEmpty()) {
                headers.add(Map.entry("access-control-allow-headers", cors.allowHeaders().contains("*")
                        && requested != null ? requested : String.join(",", cors.allowHeaders())));
            }
            if (cors.maxAgeSeconds() > 0) {
                headers.add(Map.entry("access-control-max-age", Integer.toString(cors.maxAgeSeconds())));
            }
            credentials(headers);
            vary(headers, allowed.get());
        }
        // A refused preflight is answered too, without the headers: the browser then refuses the call.
        return Optional.of(new GatewayResponse(204, headers, new byte[0]));
    }

    /** The answer with the configured CORS headers when the request's Origin is allowed. */
    GatewayResponse decorate(GatewayRequest request, GatewayResponse response) {
        if (cors == null) {
            return response;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Map.Entry<String, String> h : response.headers()) {
            if (!h.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-")) {
                headers.add(h); // API Gateway ignores the integration's CORS headers when it has a configuration
            }
        }
        String origin = request.header("origin");
        Optional<String> allowed = origin == null ? Optional.empty() : allowedOrigin(origin);
        if (allowed.isPresent()) {
            headers.add(Map.entry("access-control-allow-origin", allowed.get()));
            if (!cors.exposeHeaders().isEmpty()) {
                headers.add(Map.entry("access-control-expose-headers", String.join(",", cors.exposeHeaders())));
            }
            credentials(headers);
            vary(headers, allowed.get());
        }
        return new GatewayResponse(response.status(), headers, response.body());
    }

    private void credentials(List<Map.Entry<String, String>> headers) {
        if (cors.allowCredentials()) {
            headers.add(Map.entry("access-control-allow-credentials", "true"));
        }
    }

    private static void vary(List<Map.Entry<String, String>> headers, String allowedOrigin) {
        if (!"*".equals(allowedOrigin)) {
            headers.add(Map.entry("vary", "Origin"));
        }
    }

    /** What Access-Control-Allow-Origin says for this origin: the origin itself, {@code *}, or nothing. */
    Optional<String> allowedOrigin(String origin) {
        for (String allowed : cors.allowOrigins()) {
            if (allowed.equals("*")) {
                return Optional.of(cors.allowCredentials() ? origin : "*");
            }
            if (allowed.endsWith("://*") && origin.regionMatches(true, 0, allowed, 0, allowed.length() - 1)) {
                return Optional.of(origin);
            }
            if (allowed.equalsIgnoreCase(origin)) {
                return Optional.of(origin);
            }
        }
        return Optional.empty();
    }

    private static boolean allows(List<String> configured, String value) {
        return configured.stream().anyMatch(c -> c.equals("*") || c.equalsIgnoreCase(value.trim()));
    }
}
