package com.unifiedbeez.inbox.local.gateway;

import java.util.List;
import java.util.Map;

/**
 * A request as it reached the gateway, before routing: what the HTTP server saw.
 *
 * @param rawPath  the path as sent (percent-encoded)
 * @param rawQuery the query string as sent, without '?', or null
 * @param headers  header lines in arrival order, names as sent
 */
public record GatewayRequest(String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers,
                             byte[] body, String sourceIp, String protocol) {
    public GatewayRequest {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return HeaderLines.first(headers, name);
    }
}
