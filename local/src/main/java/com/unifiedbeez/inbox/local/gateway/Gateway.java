package com.unifiedbeez.inbox.local.gateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.platform.json.Json;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API Gateway HTTP API: routes a request to its function as the template declares it,
 * runs the JWT authorizer first, builds the payload v2 event, invokes the function and turns its
 * answer into the HTTP response. Independent of the HTTP server (see {@link JettyGatewayHandler}).
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("gateway");
    private static final String PROBLEM_BASE = "https://docs.unifiedbeez.com/problems/";
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a route leads: the function, and whether the JWT authorizer guards it. */
    record Target(LambdaFunction function, boolean authorized) {
    }

    private final RouteTable<Target> routes = new RouteTable<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final JwtAuthorizer authorizer;
    private final String domainName;
    /** Set when the gateway made its own function containers (and so closes them). */
    private final LambdaFunctions owned;

    public Gateway(List<SamTemplate.HttpRoute> templateRoutes, JwtAuthorizer authorizer, String domainName) {
        this(templateRoutes, authorizer, domainName, Thread.currentThread().getContextClassLoader());
    }

    public Gateway(List<SamTemplate.HttpRoute> templateRoutes, JwtAuthorizer authorizer, String domainName,
                   ClassLoader loader) {
        this(templateRoutes, authorizer, domainName, new LambdaFunctions(loader), true);
    }

    /** A gateway over function containers shared with the runtime's other event sources (which closes them). */
    public Gateway(List<SamTemplate.HttpRoute> templateRoutes, JwtAuthorizer authorizer, String domainName,
                   LambdaFunctions containers) {
        this(templateRoutes, authorizer, domainName, containers, false);
    }

    private Gateway(List<SamTemplate.HttpRoute> templateRoutes, JwtAuthorizer authorizer, String domainName,
                    LambdaFunctions containers, boolean owns) {
        this.authorizer = authorizer;
        this.domainName = domainName;
        this.owned = owns ? containers : null;
        for (SamTemplate.HttpRoute r : templateRoutes) {
            LambdaFunction function = functions.computeIfAbsent(r.functionName(),
                    n -> containers.get(n, r.handler(), r.memoryMb(), r.timeoutSeconds()));
            routes.add(r.method(), r.path(), new Target(function, r.authorized()));
        }
    }

    public int routeCount() {
        return routes.size();
    }

    public List<String> functionNames() {
        return List.copyOf(functions.keySet());
    }

    public GatewayResponse handle(GatewayRequest request) {
        long start = System.nanoTime();
        String requestId = requestId();
        GatewayResponse response;
        try {
            response = route(request, requestId);
        } catch (RuntimeException e) {
            LOG.error("gateway failure on {} {}", request.method(), request.rawPath(), e);
            response = problem(500, "internal", "Internal Server Error", "the local gateway failed: " + e,
                    request.rawPath(), "Internal Server Error", requestId, List.of());
        }
        LOG.info("{} {}{} {} {}ms", request.method(), request.rawPath(),
                request.rawQuery() == null || request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery(),
                response.status(), (System.nanoTime() - start) / 1_000_000);
        return response;
    }

    private GatewayResponse route(GatewayRequest request, String requestId) {
        Optional<RouteTable.Match<Target>> found = routes.match(request.method(), request.rawPath());
        if (found.isEmpty()) {
            return problem(404, "route-not-found", "Not Found",
                    "no route for " + request.method() + " " + request.rawPath(), request.rawPath(), "Not Found",
                    requestId, List.of());
        }
        RouteTable.Match<Target> match = found.get();
        JwtAuthorizer.Allowed allowed = null;
        if (match.target().authorized()) {
            JwtAuthorizer.Decision decision = authorizer.authorize(request.header("authorization"));
            if (decision instanceof JwtAuthorizer.Denied denied) {
                String challenge = "Bearer error=\"" + denied.error() + "\", error_description=\""
                        + denied.detail().replace("\"", "'") + "\"";
                return problem(401, "unauthorized", "Unauthorized", denied.detail(), request.rawPath(), "Unauthorized",
                        requestId, List.of(Map.entry("www-authenticate", challenge)));
            }
            allowed = (JwtAuthorizer.Allowed) decision;
        }
        APIGatewayV2HTTPEvent event = event(request, match, allowed, requestId);
        Object result;
        try {
            result = match.target().function().invoke(event, requestId);
        } catch (LambdaFunction.FunctionError e) {
            LOG.error("{} {} -> {}: {}", request.method(), request.rawPath(), match.target().function().name(),
                    e.getMessage(), e.getCause() == null ? e : e.getCause());
            return problem(500, "internal", "Internal Server Error",
                    "function " + match.target().function().name() + " failed; see the local runtime's log",
                    request.rawPath(), "Internal Server Error", requestId, List.of());
        }
        return response(result, request, requestId, match.target().function().name());
    }

    /** The payload v2 event API Gateway would deliver for this request and route. */
    APIGatewayV2HTTPEvent event(GatewayRequest request, RouteTable.Match<Target> match, JwtAuthorizer.Allowed allowed,
                                String requestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String c : h.getValue().split(";")) {
                    if (!c.isBlank()) {
                        cookies.add(c.trim());
                    }
                }
                continue;
            }
            headers.merge(name, h.getValue(), (a, b) -> a + "," + b);
        }
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        Instant now = Instant.now();
        // HTTP APIs hand the function the path percent-decoded (rawPath and http.path alike).
        String path = RouteTable.decode(request.rawPath());

        RequestContext context = new RequestContext();
        context.setAccountId("000000000000");
        context.setApiId("local");
        context.setDomainName(headers.getOrDefault("host", domainName));
        context.setDomainPrefix(context.getDomainName().split("[.:]")[0]);
        context.setRequestId(requestId);
        context.setRouteKey(match.routeKey());
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());
        RequestContext.Http http = new RequestContext.Http();
        http.setMethod(request.method());
        http.setPath(path);
        http.setProtocol(request.protocol());
        http.setSourceIp(request.sourceIp());
        http.setUserAgent(headers.get("user-agent"));
        context.setHttp(http);
        if (allowed != null) {
            RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
            jwt.setClaims(allowed.claims());
            jwt.setScopes(allowed.scopes());
            RequestContext.Authorizer authorizerContext = new RequestContext.Authorizer();
            authorizerContext.setJwt(jwt);
            context.setAuthorizer(authorizerContext);
        }

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(match.routeKey());
        event.setRawPath(path);
        event.setRawQueryString(request.rawQuery() == null ? "" : request.rawQuery());
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setQueryStringParameters(query(request.rawQuery()));
        event.setPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters());
        event.setRequestContext(context);
        if (request.body().length > 0) {
            String text = textBody(headers.get("content-type"), request.body());
            if (text != null) {
                event.setBody(text);
                event.setIsBase64Encoded(false);
            } else {
                event.setBody(Base64.getEncoder().encodeToString(request.body()));
                event.setIsBase64Encoded(true);
            }
        }
        return event;
    }

    /** Decoded query parameters; a repeated key's values joined with commas, as API Gateway does. */
    static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    private static String decodeQuery(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The body as text when its type is textual (or untyped valid UTF-8); null means send it base64. */
    static String textBody(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        boolean textual = type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/graphql");
        if (!textual && !type.isEmpty()) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private GatewayResponse response(Object result, GatewayRequest request, String requestId, String function) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (result instanceof APIGatewayV2HTTPResponse r) {
            if (r.getStatusCode() < 100 || r.getStatusCode() > 599) {
                LOG.error("{} returned an invalid statusCode {}", function, r.getStatusCode());
                return problem(500, "internal", "Internal Server Error",
                        "function " + function + " returned an invalid response (statusCode " + r.getStatusCode() + ")",
                        request.rawPath(), "Internal Server Error", requestId, List.of());
            }
            if (r.getHeaders() != null) {
                r.getHeaders().forEach((k, v) -> headers.add(Map.entry(k, v)));
            }
            if (r.getMultiValueHeaders() != null) {
                r.getMultiValueHeaders().forEach((k, values) -> {
                    if (values != null && (r.getHeaders() == null || !r.getHeaders().containsKey(k))) {
                        values.forEach(v -> headers.add(Map.entry(k, v)));
                    }
                });
            }
            if (r.getCookies() != null) {
                r.getCookies().forEach(c -> headers.add(Map.entry("set-cookie", c)));
            }
            headers.add(Map.entry("apigw-requestid", requestId));
            byte[] body = r.getBody() == null ? new byte[0]
                    : r.getIsBase64Encoded() ? Base64.getDecoder().decode(r.getBody())
                    : r.getBody().getBytes(StandardCharsets.UTF_8);
            return new GatewayResponse(r.getStatusCode(), headers, body);
        }
        if (result == null) {
            LOG.error("{} returned null", function);
            return problem(500, "internal", "Internal Server Error", "function " + function + " returned no response",
                    request.rawPath(), "Internal Server Error", requestId, List.of());
        }
        // Payload v2 format inference: anything that is not a response object is the JSON body of a 200.
        headers.add(Map.entry("content-type", "application/json"));
        headers.add(Map.entry("apigw-requestid", requestId));
        String body = result instanceof String s ? s : Json.write(result);
        return new GatewayResponse(200, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An answer the gateway gives itself (no function ran): RFC 9457 problem+json, plus the
     * {@code message} member API Gateway's own errors carry ({@code {"message":"Unauthorized"}}).
     */
    static GatewayResponse problem(int status, String slug, String title, String detail, String instance,
                                   String message, String requestId, List<Map.Entry<String, String>> extraHeaders) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("message", message);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("content-type", "application/problem+json"));
        headers.add(Map.entry("apigw-requestid", requestId));
        headers.addAll(extraHeaders);
        return new GatewayResponse(status, headers, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** API Gateway's request ids look like {@code Ab3dEfGhIjKLmNo=}. */
    private static String requestId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('+', 'A').replace('/', 'B');
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
