package com.unifiedbeez.inbox.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Calls to the Telegram Bot API (core.telegram.org/bots/api#making-requests): methods are
 * {@code POST {base}/bot<token>/<method>} with a JSON or multipart/form-data body, files {@code GET {base}/file/bot<token>/<path>}.
 * The bot token is part of every URL, so no URL and no unredacted exception text leaves this class.
 */
final class BotApi {
    /** BotFather tokens are "<bot id>:<secret>"; anything else would only make a malformed URL. */
    private static final Pattern TOKEN = Pattern.compile("\\d+:[A-Za-z0-9_-]+");

    /**
     * A Bot API answer: {@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":...,
     * "description":...,"parameters":{"retry_after":N}}} (core.telegram.org/bots/api#making-requests,
     * #responseparameters). {@code errorCode} is the HTTP status when the body is not the Bot API's.
     */
    record Reply(boolean ok, JsonNode result, int errorCode, String description, Duration retryAfter) {
        /** 429 (flood control) and 5xx: come back later. */
        boolean transientFailure() {
            return PlatformHttp.transientStatus(errorCode);
        }
    }

    /** Uploads run in the outbound sender, planned with a 30 s function timeout (template.yaml, OutboundQueue). */
    static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(25);

    private final PlatformHttp http;
    private final String base;

    BotApi(PlatformHttp http, String base) {
        this.http = http;
        this.base = base;
    }

    /** The bot id of a token: the part before ':' (core.telegram.org/bots/api#authorizing-your-bot). */
    static String botId(String token) {
        int colon = token.indexOf(':');
        return colon < 0 ? token : token.substring(0, colon);
    }

    static String token(ChannelConnection connection) {
        String token = connection.secrets().require("botToken");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalStateException("the connection's bot token is not of the form <bot id>:<secret>");
        }
        return token;
    }

    Reply call(String token, String method, ObjectNode body) throws IOException {
        HttpRequest request = PlatformHttp.request(base + "/bot" + token + "/" + method)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        return reply(exchange(request, token, method), token);
    }

    /**
     * A method call with files (core.telegram.org/bots/api#sending-files: "Post the file using
     * multipart/form-data"). Up to 50 MB goes up, so it may take longer than a JSON call.
     */
    Reply upload(String token, String method, MultipartForm form) throws IOException {
        HttpRequest request = PlatformHttp.request(base + "/bot" + token + "/" + method)
                .timeout(UPLOAD_TIMEOUT)
                .header("Content-Type", form.contentType())
                .POST(form.publisher())
                .build();
        return reply(exchange(request, token, method), token);
    }

    private static Reply reply(PlatformHttp.Answer answer, String token) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            json = null;
        }
        if (json == null || !json.has("ok")) {
            return new Reply(false, null, answer.status(), "HTTP " + answer.status() + " without a Bot API answer",
                    answer.retryAfter().orElse(null));
        }
        if (json.path("ok").asBoolean(false)) {
            return new Reply(true, json.path("result"), 0, null, null);
        }
        JsonNode retryAfter = json.path("parameters").path("retry_after");
        return new Reply(false, null, json.path("error_code").asInt(answer.status()),
                redact(json.path("description").asText("no description"), token),
                retryAfter.isNumber() ? Duration.ofSeconds(retryAfter.asLong()) : answer.retryAfter().orElse(null));
    }

    /**
     * A file by the file_path getFile returned; a 4xx (the file is gone) is {@link MediaUnavailable},
     * any other non-2xx answer an IOException (try again later).
     */
    PlatformHttp.Answer download(String token, String filePath) throws IOException {
        PlatformHttp.Answer answer = exchange(PlatformHttp.request(base + "/file/bot" + token + "/" + filePath).GET().build(),
                token, "file download");
        if (PlatformHttp.permanentStatus(answer.status())) {
            throw new MediaUnavailable("Telegram file download answered HTTP " + answer.status());
        }
        if (!answer.ok()) {
            throw new IOException("Telegram file download answered HTTP " + answer.status());
        }
        return answer;
    }

    private PlatformHttp.Answer exchange(HttpRequest request, String token, String what) throws IOException {
        try {
            return http.exchange(request);
        } catch (IOException e) {
            // Without the cause: its text is the client's, and we only trust our redaction of its message.
            throw new IOException("Telegram " + what + " not reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + redact(e.getMessage(), token)));
        }
    }

    static String redact(String text, String token) {
        return text == null ? null : text.replace(token, "<token>");
    }
}
