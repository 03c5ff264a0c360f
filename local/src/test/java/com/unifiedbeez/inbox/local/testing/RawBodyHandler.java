package com.unifiedbeez.inbox.local.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-only webhook function: restores the raw body the way a webhook handler must (base64 when
 * {@code isBase64Encoded}, else the text's UTF-8 bytes) and answers with it (hex) and the event's
 * parts, so a test can check the bytes a signature covers arrived unchanged.
 */
public final class RawBodyHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        byte[] raw = event.getBody() == null ? new byte[0] : event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(event.getBody()) : event.getBody().getBytes(StandardCharsets.UTF_8);
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("bodyHex", HexFormat.of().formatHex(raw));
        echo.put("isBase64Encoded", event.getIsBase64Encoded());
        echo.put("headers", event.getHeaders());
        echo.put("rawPath", event.getRawPath());
        echo.put("rawQueryString", event.getRawQueryString());
        echo.put("queryStringParameters", event.getQueryStringParameters());
        echo.put("pathParameters", event.getPathParameters());
        echo.put("routeKey", event.getRouteKey());
        echo.put("authorizer", event.getRequestContext().getAuthorizer() == null ? null : "jwt");
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(JSON.writeValueAsString(echo)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
