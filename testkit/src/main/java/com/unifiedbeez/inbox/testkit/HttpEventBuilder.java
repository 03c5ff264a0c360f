package com.unifiedbeez.inbox.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway HTTP API (payload v2) events as the gateway delivers them after its JWT authorizer:
 * routeKey = the matched route template, the path built from it with the path parameters filled,
 * header names lower-cased, the caller's claims in requestContext.authorizer.jwt.claims.
 *
 * <p>Extendable so that a test library can add its own ways of naming the caller (shared's
 * {@code testing.HttpEvents} adds {@code as(Caller)}); {@code B} is that subclass.
 */
public abstract class HttpEventBuilder<B extends HttpEventBuilder<B>> {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final String method;
    private final String template;
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
    private Map<String, String> claims;
    private String body;

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

    public B query(String name, String value) {
        query.put(name, value);
        return self();
    }

    /** Query string parameters, as the gateway decodes them. */
    public B query(Map<String, String> parameters) {
        query.putAll(parameters);
        return self();
    }

    /** A request header; API Gateway v2 delivers header names lower-cased. */
    public B header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), value);
        return self();
    }

    /** The claims of the caller's token, as the JWT authorizer passes them on. */
    public B claims(Map<String, String> value) {
        this.claims = Map.copyOf(value);
        return self();
    }

    public B body(String json) {
        this.body = json;
        return self();
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
        var context = RequestContext.builder()
                .withHttp(RequestContext.Http.builder().withMethod(method).withPath(path.toString()).build())
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
                .withPathParameters(pathParameters.isEmpty() ? null : Map.copyOf(pathParameters))
                .withQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query))
                .withHeaders(Map.copyOf(headers))
                .withBody(body)
                .withRequestContext(context.build())
                .build();
    }
}
