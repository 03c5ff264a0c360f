package com.unifiedbeez.inbox.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway HTTP API (payload v2) GET events as the gateway delivers them after its JWT
 * authorizer, built the way the tests' HttpEvents builds them: routeKey = the route template,
 * query string parameters decoded, the caller's claims in requestContext.authorizer.jwt.claims.
 */
final class BenchEvents {
    private BenchEvents() {
    }

    static APIGatewayV2HTTPEvent get(String template, Map<String, String> query, UUID user, UUID organization,
                                     String role) {
        Map<String, String> claims = Map.of("sub", user.toString(), "org_id", organization.toString(), "role", role);
        var context = RequestContext.builder()
                .withHttp(RequestContext.Http.builder().withMethod("GET").withPath(template).build())
                .withRouteKey("GET " + template)
                .withAuthorizer(RequestContext.Authorizer.builder()
                        .withJwt(RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                        .build());
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("GET " + template)
                .withRawPath(template)
                .withQueryStringParameters(query.isEmpty() ? null : Map.copyOf(query))
                .withHeaders(Map.of("content-type", "application/json"))
                .withRequestContext(context.build())
                .build();
    }
}
