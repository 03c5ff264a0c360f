package com.unifiedbeez.inbox.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only function: answers with what it received (the event's parts as JSON) and counts its
 * instances and invocations, so tests see what the gateway built and when it ran a function.
 */
public final class EchoHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    public static final AtomicInteger INSTANCES = new AtomicInteger();
    public static final AtomicInteger INVOCATIONS = new AtomicInteger();
    public static volatile APIGatewayV2HTTPEvent lastEvent;
    public static volatile Context lastContext;
    private static final ObjectMapper JSON = new ObjectMapper();

    public EchoHandler() {
        INSTANCES.incrementAndGet();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        INVOCATIONS.incrementAndGet();
        lastEvent = event;
        lastContext = context;
        var pathParameters = event.getPathParameters();
        String id = pathParameters == null ? null : pathParameters.get("id");
        if ("binary".equals(id)) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/octet-stream"))
                    .withBody(Base64.getEncoder().encodeToString(new byte[] {0, 1, (byte) 0xFE, (byte) 0xFF}))
                    .withIsBase64Encoded(true)
                    .build();
        }
        if ("multi".equals(id)) {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(201)
                    .withMultiValueHeaders(Map.of("x-multi", List.of("a", "b")))
                    .withCookies(List.of("session=abc; Path=/", "theme=dark"))
                    .build();
        }
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("version", event.getVersion());
        echo.put("routeKey", event.getRouteKey());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("pathParameters", pathParameters);
        echo.put("headers", event.getHeaders());
        echo.put("cookies", event.getCookies());
        echo.put("body", event.getBody());
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        var rc = event.getRequestContext();
        echo.put("requestContext.routeKey", rc.getRouteKey());
        echo.put("requestContext.stage", rc.getStage());
        echo.put("requestContext.requestId", rc.getRequestId());
        echo.put("requestContext.http.method", rc.getHttp().getMethod());
        echo.put("requestContext.http.path", rc.getHttp().getPath());
        echo.put("requestContext.http.sourceIp", rc.getHttp().getSourceIp());
        echo.put("requestContext.http.userAgent", rc.getHttp().getUserAgent());
        echo.put("claims", rc.getAuthorizer() == null ? null : rc.getAuthorizer().getJwt().getClaims());
        echo.put("scopes", rc.getAuthorizer() == null ? null : rc.getAuthorizer().getJwt().getScopes());
        echo.put("functionName", context.getFunctionName());
        echo.put("remainingMs", context.getRemainingTimeInMillis());
        try {
            return APIGatewayV2HTTPResponse.builder()
                    .withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/json", "x-echo", "yes"))
                    .withBody(new String(JSON.writeValueAsBytes(echo), StandardCharsets.UTF_8))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
