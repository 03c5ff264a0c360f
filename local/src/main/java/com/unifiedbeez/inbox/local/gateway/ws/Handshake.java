package com.unifiedbeez.inbox.local.gateway.ws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the client sent with its upgrade request, as the $connect event carries it: header lines in
 * arrival order (names as sent) and the raw query string.
 */
record Handshake(List<Map.Entry<String, String>> headers, String rawQuery, int localPort) {
    Handshake {
        headers = List.copyOf(headers);
    }

    /** The first value of a header, by case-insensitive name, or null. */
    String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Every value of each header, names as first sent; null when there are none (as API Gateway sends it). */
    Map<String, List<String>> multiValueHeaders() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = out.keySet().stream().filter(k -> k.equalsIgnoreCase(h.getKey())).findFirst()
                    .orElse(h.getKey());
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(h.getValue());
        }
        return out.isEmpty() ? null : out;
    }

    /** Decoded query parameters, every value of each; null when there is no query. */
    Map<String, List<String>> multiValueQuery() {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return out.isEmpty() ? null : out;
    }

    /** One value per name, the last one, as the single-value maps of API Gateway's v1 payload hold it. */
    static Map<String, String> last(Map<String, List<String>> multi) {
        if (multi == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        multi.forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
