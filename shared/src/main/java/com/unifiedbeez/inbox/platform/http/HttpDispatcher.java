package com.unifiedbeez.inbox.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.CallerResolver;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Problem;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.text.StorableText;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an API Gateway HTTP API (payload v2) event into a route call and its result into the
 * response: the whole of an HTTP handler's {@code handleRequest}. Errors become problem+json;
 * anything unexpected is logged and answered 500 without internals.
 */
public final class HttpDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);
    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("content-type", Problem.CONTENT_TYPE);

    private HttpDispatcher() {
    }

    /**
     * Runs the request's route with its caller: the token's user, checked against the database by
     * {@code callers} on every request (an HTTP function's component provides it, see
     * {@link HttpComponent}).
     */
    public static <H> APIGatewayV2HTTPResponse dispatch(Routes<H> routes, H handler, APIGatewayV2HTTPEvent event,
                                                        CallerResolver callers) {
        return answer(routes, handler, event, callers::resolve);
    }

    /**
     * SnapStart priming of an HTTP function, never a request path: the synthetic request goes
     * through the membership check (its caller is no member: 401, which warms that query), then its
     * route runs as {@code synthetic}, a caller of an organization without data, which warms the
     * route's own queries and JSON.
     */
    public static <H> void prime(Routes<H> routes, H handler, APIGatewayV2HTTPEvent event, CallerResolver callers,
                                 Caller synthetic) {
        dispatch(routes, handler, event, callers);
        answer(routes, handler, event, claims -> synthetic);
    }

    private static <H> APIGatewayV2HTTPResponse answer(Routes<H> routes, H handler, APIGatewayV2HTTPEvent event,
                                                       Function<Map<String, String>, Caller> whoCalls) {
        String path = event.getRawPath();
        try {
            String method = method(event);
            Routes.Match<H> match = resolve(routes, method, event);
            Caller caller = whoCalls.apply(claims(event)); // who asks comes before what they sent
            ApiRequest request = new ApiRequest(
                    method,
                    path,
                    match.pathParameters() == null ? Map.of() : match.pathParameters(),
                    query(event),
                    lowerCase(event.getHeaders()),
                    body(event),
                    caller);
            return toResponse(match.route().action().apply(handler, request));
        } catch (ApiException e) {
            return problem(e, path);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", event.getRouteKey(), path, e);
            return problem(new ApiException(500, "internal", "Internal error",
                    "the request failed on our side; it is safe to retry", List.of()), path);
        }
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context != null && context.getHttp() != null && context.getHttp().getMethod() != null) {
            return context.getHttp().getMethod().toUpperCase(Locale.ROOT);
        }
        String key = event.getRouteKey();
        return key == null || key.indexOf(' ') < 0 ? "" : key.substring(0, key.indexOf(' '));
    }

    /** The routeKey API Gateway matched; a $default (catch-all) event is matched on its path. */
    private static <H> Routes.Match<H> resolve(Routes<H> routes, String method, APIGatewayV2HTTPEvent event) {
        String key = event.getRouteKey();
        if (key != null) {
            var route = routes.byKey(key);
            if (route.isPresent()) {
                return new Routes.Match<>(route.get(), event.getPathParameters());
            }
        }
        return routes.match(method, event.getRawPath())
                .orElseThrow(() -> ApiException.routeNotFound(method, event.getRawPath()));
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Map.of();
        }
        return context.getAuthorizer().getJwt().getClaims();
    }

    /**
     * The body as text. API Gateway base64-encodes a body it does not take for text; it must still be
     * UTF-8 here (every route reads JSON), so invalid bytes are a 400, not replaced by U+FFFD.
     */
    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null || !event.getIsBase64Encoded()) {
            return body;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the body is marked base64-encoded but is not base64");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw ApiException.badRequest("the body is not valid UTF-8 (byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    /** The query string; a value that is not storable text (NUL, an unpaired surrogate) is a 422 naming it. */
    private static Map<String, String> query(APIGatewayV2HTTPEvent event) {
        Map<String, String> query = event.getQueryStringParameters();
        if (query == null) {
            return Map.of();
        }
        Validation v = new Validation();
        new TreeMap<>(query).forEach((name, value) -> {
            var badName = StorableText.defect(name);
            if (badName.isPresent()) {
                v.add("query", "has a parameter name that " + badName.get());
            } else {
                StorableText.defect(value).ifPresent(defect -> v.add(name, defect));
            }
        });
        v.throwIfInvalid();
        return query;
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        return lower;
    }

    private static APIGatewayV2HTTPResponse toResponse(ApiResult result) {
        Map<String, String> headers = new HashMap<>(result.headers());
        if (result.body() != null) {
            headers.putAll(JSON);
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(result.status())
                .withHeaders(headers)
                .withBody(result.body() == null ? null : Json.write(result.body()))
                .build();
    }

    private static APIGatewayV2HTTPResponse problem(ApiException e, String path) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(e.status())
                .withHeaders(PROBLEM)
                .withBody(Json.write(e.toProblem(path)))
                .build();
    }
}
