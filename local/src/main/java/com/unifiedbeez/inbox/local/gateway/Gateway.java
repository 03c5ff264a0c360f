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
    /** API Gateway's payload quota for HTTP APIs: 10 MB. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /**
     * The longest path + query string answered (HTTP APIs cap the request line and headers at
     * 10,240 bytes together; 8 KB leaves the headers their room).
     */
    public static final int MAX_TARGET_LENGTH = 8 * 1024;

    /** Where a route leads: the function, and whether the JWT authorizer guards it. */
    record Target(LambdaFunction function, boolean authorized) {
    }

    private final RouteTable<Target> routes = new RouteTable<>();
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final JwtAuthorizer authorizer;
    private final String domainName;
    private volatile CorsPolicy cors = CorsPolicy.NONE;
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

    /** Applies the template's CorsConfiguration (preflights answered here, headers added to answers). */
    public Gateway withCors(SamTemplate.Cors configuration) {
        this.cors = configuration == null ? CorsPolicy.NONE : new CorsPolicy(configuration);
        return this;
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
            Optional<GatewayResponse> refused = admit(request, requestId);
            Optional<GatewayResponse> preflight = refused.isPresent() ? Optional.empty() : cors.preflight(request, requestId);
            // a preflight answer carries its own CORS headers; every other answer gets the configured ones
            response = preflight.orElseGet(() -> cors.decorate(request, refused.orElseGet(() -> route(request, requestId))));
        } catch (RuntimeException e) {
            LOG.error("gateway failure on {} {}", request.method(), Redaction.path(request.rawPath()), e);
            response = cors.decorate(request, problem(500, "internal", "Internal Server Error", "the local gateway failed",
                    request.rawPath(), "Internal Server Error", requestId, List.of()));
        }
        // Never a secret in the log: bot tokens in paths and secret query values are cut.
        LOG.info("{} {} {} {}ms", request.method(), Redaction.target(request.rawPath(), request.rawQuery()),
                response.status(), (System.nanoTime() - start) / 1_000_000);
        return response;
    }

    /**
     * What API Gateway refuses before routing, as problem+json: a URL over {@link #MAX_TARGET_LENGTH}
     * (414), a path or query that is not valid percent-encoded UTF-8, or a path with control
     * characters (400), a body over {@link #MAX_BODY_BYTES} (413).
     */
    private Optional<GatewayResponse> admit(GatewayRequest request, String requestId) {
        String path = request.rawPath() == null ? "" : request.rawPath();
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        if (path.length() + query.length() + 1 > MAX_TARGET_LENGTH) {
            return Optional.of(problem(414, "uri-too-long", "URI Too Long", "the URL is longer than "
                    + MAX_TARGET_LENGTH + " characters", null, "Request-URI Too Long", requestId, List.of()));
        }
        String decodedPath = PercentEncoding.decode(path);
        if (decodedPath == null || decodedPath.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            return Optional.of(problem(400, "bad-request", "Bad Request",
                    "the request path is not valid: percent-encoded UTF-8 without control characters", null,
                    "Bad Request", requestId, List.of()));
        }
        if (PercentEncoding.decode(query.replace('+', ' ')) == null) {
            return Optional.of(problem(400, "bad-request", "Bad Request",
                    "the query string is not valid percent-encoded UTF-8", path, "Bad Request", requestId, List.of()));
        }
        if (request.body().length > MAX_BODY_BYTES || declaredLength(request) > MAX_BODY_BYTES) {
            return Optional.of(problem(413, "payload-too-large", "Payload Too Large", "the request body is larger"
                    + " than API Gateway's 10 MB; upload files through POST /api/inbox/messages/upload (a presigned"
                    + " S3 URL)", path, "Request Entity Too Large", requestId, List.of()));
        }
        return Optional.empty();
    }

    private static long declaredLength(GatewayRequest request) {
        String length = request.header("content-length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
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
            LOG.error("{} {} -> {}: {}", request.method(), Redaction.path(request.rawPath()), match.target().function().name(),
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

    /**
     * The body as text when its type is textual (or untyped valid UTF-8); null means send it base64.
     * A form post (Twilio's webhooks) is base64, as API Gateway's HTTP API delivers it, so the local
     * runtime runs the functions' decoding path.
     */
    static String textBody(String contentType, byte[] body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).split(";")[0].trim();
        boolean textual = type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
                || type.equals("application/graphql");
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
     * An answer the gateway gives itself (no function ran): RFC 9457 problem+json (no
     * {@code instance} when the path itself is what is wrong), plus the
     * {@code message} member API Gateway's own errors carry ({@code {"message":"Unauthorized"}}).
     */
    static GatewayResponse problem(int status, String slug, String title, String detail, String instance,
                                   String message, String requestId, List<Map.Entry<String, String>> extraHeaders) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
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
