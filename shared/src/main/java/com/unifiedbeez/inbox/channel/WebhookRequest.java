package com.unifiedbeez.inbox.channel;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook delivery as the platform sent it. Signatures are computed over {@link #body} exactly as
 * received, so nothing here re-encodes it.
 *
 * @param url     the full public URL the platform called, query string included (Twilio signs it)
 * @param headers header names lower-cased
 * @param query   query parameters, decoded
 */
public record WebhookRequest(String method, String url, Map<String, String> headers, Map<String, String> query,
                             byte[] body) {
    public WebhookRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
