package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.local.gateway.GatewayResponse;
import com.unifiedbeez.inbox.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Building answers and ids the way the platforms shape them. */
final class Answers {
    static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Answers() {
    }

    static GatewayResponse json(int status, Object body) {
        return new GatewayResponse(status, List.of(Map.entry("content-type", "application/json")),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static GatewayResponse bytes(int status, String contentType, byte[] body) {
        return new GatewayResponse(status, List.of(Map.entry("content-type", contentType)), body);
    }

    /** The sandbox's own errors (not a platform's): RFC 9457 problem+json. */
    static GatewayResponse problem(int status, String title, String detail) {
        return new GatewayResponse(status, List.of(Map.entry("content-type", "application/problem+json")),
                Json.write(obj("type", "https://docs.unifiedbeez.com/problems/sandbox", "title", title,
                        "status", status, "detail", detail)).getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer's body as a tree for the outbox (text when it is not JSON). */
    static Object parsed(GatewayResponse answer) {
        try {
            return Json.mapper().readTree(answer.body());
        } catch (java.io.IOException e) {
            return answer.bodyText();
        }
    }

    /** An ordered JSON object from name/value pairs; null values are left out. */
    static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    static String hex(int chars) {
        StringBuilder s = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            s.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return s.toString();
    }

    static String alphanumeric(int chars) {
        StringBuilder s = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            s.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    static String digits(int count) {
        StringBuilder s = new StringBuilder(count);
        s.append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < count; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }

    /** Only the digits of a phone number ("+1 555-010-0100" -> "15550100100"), as WhatsApp writes them. */
    static String phoneDigits(String phone) {
        return phone == null ? null : phone.replaceAll("\\D", "");
    }
}
