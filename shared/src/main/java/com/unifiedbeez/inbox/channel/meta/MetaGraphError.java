package com.unifiedbeez.inbox.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.outbound.SendOutcome;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.util.Set;

/**
 * A Graph API error answer, {@code {"error": {message, type, code, error_subcode, fbtrace_id}}}
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes), and
 * whether it is worth retrying.
 */
public record MetaGraphError(int status, Integer code, Integer subcode, String message, boolean transientFlag) {

    /**
     * Codes that mean "later": 1200 temporary send failure, 2 unexpected error ("retry later"),
     * 4 / 17 / 32 / 613 rate limits (app, user, page, API).
     */
    static final Set<Integer> TRANSIENT_CODES = Set.of(2, 4, 17, 32, 613, 1200);

    public static MetaGraphError of(PlatformHttp.Answer answer) {
        JsonNode error = null;
        try {
            JsonNode root = Json.mapper().readTree(answer.body());
            error = root == null ? null : root.get("error");
        } catch (IOException notJson) {
            // a proxy or gateway page: only the HTTP status speaks
        }
        if (error == null || !error.isObject()) {
            String text = answer.text().strip();
            return new MetaGraphError(answer.status(), null, null,
                    "HTTP " + answer.status() + (text.isEmpty() ? "" : ": " + abbreviate(text)), false);
        }
        return new MetaGraphError(answer.status(),
                error.hasNonNull("code") ? error.get("code").asInt() : null,
                error.hasNonNull("error_subcode") ? error.get("error_subcode").asInt() : null,
                error.path("message").asText("Graph API error"),
                error.path("is_transient").asBoolean(false));
    }

    public boolean retryable() {
        return status == 429 || status >= 500 || transientFlag || (code != null && TRANSIENT_CODES.contains(code));
    }

    /** "10/2018278", "190", or "http-400" when the platform gave no code. */
    public String codeText() {
        if (code == null) {
            return "http-" + status;
        }
        return subcode == null ? code.toString() : code + "/" + subcode;
    }

    public SendOutcome outcome(PlatformHttp.Answer answer) {
        if (retryable()) {
            return new SendOutcome.Retry("Graph API " + codeText() + ": " + message, answer.retryAfter().orElse(null));
        }
        return new SendOutcome.Rejected(codeText(), message);
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
