package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway HTTP API (payload v2) events as the gateway delivers them after its JWT
 * authorizer, built the way the tests' HttpEvents builds them: routeKey = the route template,
 * query string parameters decoded, the caller's claims in requestContext.authorizer.jwt.claims.
 */
final class BenchEvents {
    private BenchEvents() {
    }

    static APIGatewayV2HTTPEvent get(String template, Map<String, String> query, UUID user, UUID organization,
                                     String role) {
        return request("GET", template, template, null, query, Map.of("content-type", "application/json"), null,
                user, organization, role);
    }

    /**
     * Any request: {@code routeKey} = method + the route template, {@code rawPath} = the concrete path,
     * path parameters as the gateway extracts them; header names lower-cased, as API Gateway v2 sends them.
     */
    static APIGatewayV2HTTPEvent request(String method, String template, String rawPath, Map<String, String> pathParameters,
                                         Map<String, String> query, Map<String, String> headers, String body, UUID user,
                                         UUID organization, String role) {
        Map<String, String> claims = Map.of("sub", user.toString(), "org_id", organization.toString(), "role", role);
        var context = RequestContext.builder()
                .withHttp(RequestContext.Http.builder().withMethod(method).withPath(rawPath).build())
                .withRouteKey(method + " " + template)
                .withAuthorizer(RequestContext.Authorizer.builder()
                        .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                        .build());
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + template)
                .withRawPath(rawPath)
                .withPathParameters(pathParameters == null || pathParameters.isEmpty() ? null : Map.copyOf(pathParameters))
                .withQueryStringParameters(query == null || query.isEmpty() ? null : Map.copyOf(query))
                .withHeaders(headers)
                .withBody(body)
                .withRequestContext(context.build())
                .build();
    }
}
