package com.unifiedbeez.inbox.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Graph API error answer, {@code {"error": {message, type, code, error_subcode, error_data:
 * {details}, is_transient, fbtrace_id}}} (https://developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes;
 * WhatsApp adds {@code error_data.details}: developers.facebook.com/documentation/business-messaging/
 * whatsapp/support/error-codes, "Error response syntax"), and whether it is worth retrying.
 */
public record MetaGraphError(int status, Integer code, Integer subcode, String message, String details,
                             boolean transientFlag) {

    /**
     * Codes that mean "later" on every Graph product: 1200 temporary send failure, 2 unexpected
     * error ("retry later"), 4 / 17 / 32 / 613 rate limits (app, user, page, API). A product adds
     * its own with {@link #retryable(Set)}.
     */
    static final Set<Integer> TRANSIENT_CODES = Set.of(2, 4, 17, 32, 613, 1200);

    public static MetaGraphError of(PlatformHttp.Answer answer) {
        JsonNode error = MetaGraph.json(answer).map(root -> root.get("error")).orElse(null);
        if (error == null || !error.isObject()) {
            // a proxy or gateway page: only the HTTP status speaks
            String text = answer.text().strip();
            return new MetaGraphError(answer.status(), null, null,
                    "HTTP " + answer.status() + (text.isEmpty() ? "" : ": " + abbreviate(text)), null, false);
        }
        return new MetaGraphError(answer.status(),
                error.hasNonNull("code") ? error.get("code").asInt() : null,
                error.hasNonNull("error_subcode") ? error.get("error_subcode").asInt() : null,
                error.path("message").asText("Graph API error"),
                error.path("error_data").path("details").asText(null),
                error.path("is_transient").asBoolean(false));
    }

    public boolean retryable() {
        return retryable(Set.of());
    }

    /** 429, 5xx, is_transient, a code of {@link #TRANSIENT_CODES} or one of {@code moreCodes}. */
    public boolean retryable(Set<Integer> moreCodes) {
        return PlatformHttp.transientStatus(status) || transientFlag
                || (code != null && (TRANSIENT_CODES.contains(code) || moreCodes.contains(code)));
    }

    /** "10/2018278", "190", or "http-400" when the platform gave no code. */
    public String codeText() {
        if (code == null) {
            return "http-" + status;
        }
        return subcode == null ? code.toString() : code + "/" + subcode;
    }

    /** Message then details, each once: WhatsApp often repeats the title in both. */
    public String text() {
        return Stream.of(message, details).filter(s -> s != null && !s.isBlank()).distinct()
                .collect(Collectors.joining(": "));
    }

    public SendOutcome outcome(PlatformHttp.Answer answer) {
        return retryable() ? retry(answer) : new SendOutcome.Rejected(codeText(), text());
    }

    /** Retry with the platform's Retry-After; the HTTP status is named when it is what makes this transient. */
    public SendOutcome.Retry retry(PlatformHttp.Answer answer) {
        String http = PlatformHttp.transientStatus(status) ? " (HTTP " + status + ")" : "";
        return new SendOutcome.Retry("Graph API " + codeText() + http + ": " + text(), answer.retryAfter().orElse(null));
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
