package com.unifiedbeez.inbox.local.gateway;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** What the gateway answers: status, header lines (a name may repeat) and body bytes. */
public record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {
    public GatewayResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        return HeaderLines.first(headers, name);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
