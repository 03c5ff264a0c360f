package com.unifiedbeez.inbox.channel.sms;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An application/x-www-form-urlencoded body, the format of Twilio's webhooks and of its REST
 * requests, as ordered name/value pairs (a name may repeat: MediaUrl on a send).
 */
public record TwilioForm(List<Map.Entry<String, String>> params) {
    public TwilioForm {
        params = List.copyOf(params);
    }

    public static TwilioForm parse(String body) {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (body != null && !body.isBlank()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                params.add(Map.entry(decode(name), decode(value)));
            }
        }
        return new TwilioForm(params);
    }

    /** The first value of a parameter, empty when absent or blank. */
    public Optional<String> first(String name) {
        return params.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue)
                .filter(v -> !v.isBlank()).findFirst();
    }

    public String encode() {
        return params.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not form-encoded: bad percent escape");
        }
    }
}
