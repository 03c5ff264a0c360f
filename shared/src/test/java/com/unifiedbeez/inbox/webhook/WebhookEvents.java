package com.unifiedbeez.inbox.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * API Gateway HTTP API (payload v2) events of a platform calling a public webhook route: no
 * authorizer, the raw query string and its decoded parameters, and a body that is either text or
 * base64 (API Gateway encodes what it does not take for text).
 */
public final class WebhookEvents {
    public static final String DOMAIN = "abc123.execute-api.eu-west-1.amazonaws.com";

    private WebhookEvents() {
    }

    public static APIGatewayV2HTTPEvent post(String path, Map<String, String> headers, String body, boolean base64) {
        return event("POST", path, "", headers,
                base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body, base64);
    }

    /** A GET with a query string written as the platform sent it (percent-encoded). */
    public static APIGatewayV2HTTPEvent get(String path, String rawQuery) {
        return event("GET", path, rawQuery, Map.of(), null, false);
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String rawQuery, Map<String, String> headers,
                                               String body, boolean base64) {
        Map<String, String> query = new HashMap<>();
        for (String pair : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        Map<String, String> allHeaders = new HashMap<>(headers);
        allHeaders.putIfAbsent("host", DOMAIN);
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(allHeaders)
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(RequestContext.builder()
                        .withDomainName(DOMAIN)
                        .withRouteKey(method + " " + path)
                        .withHttp(RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }
}
