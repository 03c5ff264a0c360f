package com.unifiedbeez.inbox.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway HTTP API (payload v2) events as the gateway delivers them: routeKey = the matched
 * route template, the path built from it with the path parameters filled, the query string raw and
 * decoded, header names lower-cased, the host and the gateway's domain, the body as text or base64.
 * With claims, the caller's token as the JWT authorizer passes it on (requestContext.authorizer.jwt);
 * without, a public route's request (a platform calling a webhook), which has no authorizer.
 *
 * <p>Extendable so that a test library can add its own ways of naming the caller (shared's
 * {@code testing.HttpEvents} adds {@code as(Caller)}); {@code B} is that subclass.
 */
public abstract class HttpEventBuilder<B extends HttpEventBuilder<B>> {
    /** The gateway's own domain unless a test names another ({@link #domain}). */
    public static final String DOMAIN = "abc123.execute-api.us-east-1.amazonaws.com";
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /**
     * The content types whose bodies API Gateway passes as text; every other body, an untyped one
     * and a form post (application/x-www-form-urlencoded, e.g. Twilio's) included, arrives base64.
     */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/javascript");

    private final String method;
    private final String template;
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final StringJoiner rawQuery = new StringJoiner("&");
    private final Map<String, String> headers = new HashMap<>();
    private String domain = DOMAIN;
    private Map<String, String> claims;
    private String body;
    private boolean base64;

    protected HttpEventBuilder(String method, String template) {
        this.method = method;
        this.template = template;
    }

    /** A request on the route {@code method template}, e.g. {@code GET /api/inbox/conversations/{id}}. */
    public static HttpEventBuilder<?> request(String method, String template) {
        return new Plain(method, template);
    }

    private static final class Plain extends HttpEventBuilder<Plain> {
        Plain(String method, String template) {
            super(method, template);
        }
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    public B path(String name, Object value) {
        pathParameters.put(name, String.valueOf(value));
        return self();
    }

    /** A query parameter, percent-encoded in the raw query string, decoded in the parameters. */
    public B query(String name, String value) {
        rawQuery.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        query.merge(name, value, (a, b) -> a + "," + b);
        return self();
    }

    /** Query string parameters, as the gateway decodes them. */
    public B query(Map<String, String> parameters) {
        parameters.forEach(this::query);
        return self();
    }

    /**
     * The query string as the caller wrote it (percent-encoded), e.g. Meta's handshake
     * {@code hub.mode=subscribe&hub.verify_token=...&hub.challenge=...}: kept raw, and decoded into
     * the parameters as the gateway decodes it (a repeated name's values joined with commas).
     */
    public B rawQuery(String written) {
        if (written.isEmpty()) {
            return self();
        }
        rawQuery.add(written);
        for (String pair : written.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return self();
    }

    /** A request header; API Gateway v2 delivers header names lower-cased. */
    public B header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return self();
    }

    /** Request headers, e.g. a platform's signature ({@code X-Hub-Signature-256}, {@code X-Twilio-Signature}). */
    public B headers(Map<String, String> values) {
        values.forEach(this::header);
        return self();
    }

    /** The domain the caller called: the host header and requestContext.domainName. */
    public B domain(String value) {
        this.domain = value;
        return self();
    }

    /** The claims of the caller's token, as the JWT authorizer passes them on. */
    public B claims(Map<String, String> value) {
        this.claims = Map.copyOf(value);
        return self();
    }

    /** A text body: JSON unless a content-type header says otherwise. */
    public B body(String text) {
        headers.putIfAbsent("content-type", "application/json");
        this.body = text;
        this.base64 = false;
        return self();
    }

    /**
     * The bytes sent, base64-encoded as API Gateway encodes a body it does not pass as text; of the
     * type the content-type header names, if any.
     */
    public B base64Body(byte[] raw) {
        this.body = Base64.getEncoder().encodeToString(raw);
        this.base64 = true;
        return self();
    }

    /**
     * The bytes sent, as API Gateway passes them for the content-type header given before: text for
     * text/*, JSON, XML and JavaScript; base64 for anything else, a form post or no type included.
     */
    public B rawBody(byte[] raw) {
        String type = headers.getOrDefault("content-type", "").split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || TEXT_TYPES.contains(type)
                ? body(new String(raw, StandardCharsets.UTF_8)) : base64Body(raw);
    }

    public APIGatewayV2HTTPEvent build() {
        Matcher m = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = pathParameters.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {" + m.group(1) + "} of " + template);
            }
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        Map<String, String> sent = new HashMap<>(headers);
        sent.putIfAbsent("host", domain);
        var context = RequestContext.builder()
                .withApiId(domain.split("\\.", 2)[0])
                .withDomainName(domain)
                .withDomainPrefix(domain.split("\\.", 2)[0])
                .withStage("$default")
                .withHttp(RequestContext.Http.builder().withMethod(method).withPath(path.toString())
                        .withProtocol("HTTP/1.1").build())
                .withRouteKey(method + " " + template);
        if (claims != null) {
            context.withAuthorizer(RequestContext.Authorizer.builder()
                    .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                    .build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + template)
                .withRawPath(path.toString())
                .withRawQueryString(rawQuery.toString())
                .withPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters))
                .withQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query))
                .withHeaders(Map.copyOf(sent))
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(context.build())
                .build();
    }
}
