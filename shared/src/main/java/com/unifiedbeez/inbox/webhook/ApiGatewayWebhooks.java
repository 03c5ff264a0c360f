package com.unifiedbeez.inbox.webhook;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.WebhookAdapter;
import com.unifiedbeez.inbox.channel.WebhookRequest;
import com.unifiedbeez.inbox.platform.config.Config;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A webhook function's whole {@code handleRequest}: the API Gateway (payload v2) event as the
 * platform sent it, through {@link WebhookIntake}, back as the gateway's response.
 */
@Singleton
public final class ApiGatewayWebhooks {
    private final WebhookIntake intake;
    private final Optional<String> baseUrl;

    @Inject
    public ApiGatewayWebhooks(WebhookIntake intake, Config config) {
        this.intake = intake;
        this.baseUrl = PlatformEndpoints.webhookBase(config);
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, WebhookAdapter adapter) {
        WebhookResponse response = intake.handle(request(event, baseUrl), adapter);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(Map.of("content-type", response.contentType()))
                .withBody(response.body())
                .build();
    }

    /**
     * The delivery exactly as sent: raw body bytes (API Gateway base64-encodes binary bodies),
     * header names lower-cased, query parameters decoded, and the public URL the platform called:
     * {@code baseUrl} + path (+ query) when configured — behind a custom domain or a proxy the
     * gateway's own domain is not the URL Twilio signed — else https:// + the gateway's domain.
     */
    public static WebhookRequest request(APIGatewayV2HTTPEvent event, Optional<String> baseUrl) {
        var context = event.getRequestContext();
        String method = context != null && context.getHttp() != null && context.getHttp().getMethod() != null
                ? context.getHttp().getMethod()
                : event.getRouteKey() == null ? "" : event.getRouteKey().split(" ", 2)[0];
        String path = event.getRawPath() == null ? "/" : event.getRawPath();
        String rawQuery = event.getRawQueryString();
        Map<String, String> headers = lowerCase(event.getHeaders());
        String domain = context != null && context.getDomainName() != null ? context.getDomainName()
                : headers.getOrDefault("host", "localhost");
        String origin = baseUrl.orElse("https://" + domain);
        String url = origin + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return new WebhookRequest(method.toUpperCase(Locale.ROOT), url, headers,
                query(event.getQueryStringParameters(), rawQuery), body(event));
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        }
        return lower;
    }

    /** API Gateway's decoded parameters; when it gave none, the raw query string decoded here (first value wins). */
    static Map<String, String> query(Map<String, String> parameters, String rawQuery) {
        if (parameters != null && !parameters.isEmpty()) {
            return parameters;
        }
        Map<String, String> decoded = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                decoded.putIfAbsent(name, value);
            }
        }
        return decoded;
    }
}
