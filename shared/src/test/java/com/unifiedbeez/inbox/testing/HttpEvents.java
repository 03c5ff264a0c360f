package com.unifiedbeez.inbox.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.unifiedbeez.inbox.platform.auth.Caller;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway HTTP API (payload v2) events as the gateway delivers them after its JWT authorizer:
 * routeKey = the matched route template, path parameters filled, claims in requestContext.
 */
public final class HttpEvents {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private final String method;
    private final String template;
    private final Map<String, String> pathParameters = new HashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>(Map.of("content-type", "application/json"));
    private Caller caller;
    private String body;

    private HttpEvents(String method, String template) {
        this.method = method;
        this.template = template;
    }

    public static HttpEvents request(String method, String template) {
        return new HttpEvents(method, template);
    }

    public HttpEvents path(String name, Object value) {
        pathParameters.put(name, String.valueOf(value));
        return this;
    }

    public HttpEvents query(String name, String value) {
        query.put(name, value);
        return this;
    }

    /** A request header; API Gateway v2 delivers header names lower-cased. */
    public HttpEvents header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public HttpEvents as(Caller who) {
        this.caller = who;
        return this;
    }

    public HttpEvents body(String json) {
        this.body = json;
        return this;
    }

    public APIGatewayV2HTTPEvent build() {
        Matcher m = PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(pathParameters.get(m.group(1))));
        }
        m.appendTail(path);
        var context = RequestContext.builder()
                .withHttp(RequestContext.Http.builder().withMethod(method).withPath(path.toString()).build())
                .withRouteKey(method + " " + template);
        if (caller != null) {
            context.withAuthorizer(RequestContext.Authorizer.builder()
                    .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(Fixtures.claims(caller)).build())
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
