package com.unifiedbeez.inbox.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Graph API requests with a connection's access token, and Graph's error answers. */
final class GraphApi {
    /** The connection secret holding the (system-user) access token. */
    static final String ACCESS_TOKEN = "accessToken";

    private GraphApi() {
    }

    static HttpRequest.Builder request(String url, ChannelConnection connection) {
        return PlatformHttp.request(url)
                .header("Authorization", "Bearer " + connection.secrets().require(ACCESS_TOKEN));
    }

    /** The JSON of an answer, or empty when it is not JSON. */
    static Optional<JsonNode> json(PlatformHttp.Answer answer) {
        try {
            return Optional.ofNullable(Json.mapper().readTree(answer.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Graph's error body: {@code {"error": {"message", "type", "code", "error_subcode",
     * "error_data": {"details"}, "fbtrace_id"}}} (developers.facebook.com/documentation/
     * business-messaging/whatsapp/support/error-codes, "Error response syntax").
     *
     * @param code Graph's error code, or the HTTP status when the body is not a Graph error
     */
    record Error(int code, String message, String details) {
        static Error of(PlatformHttp.Answer answer) {
            JsonNode error = json(answer).map(j -> j.path("error")).orElse(null);
            if (error == null || !error.isObject()) {
                return new Error(answer.status(), "HTTP " + answer.status(), null);
            }
            return new Error(error.path("code").asInt(answer.status()), error.path("message").asText("HTTP " + answer.status()),
                    error.path("error_data").path("details").asText(null));
        }

        /** Message then details, each once: Meta often repeats the title in both. */
        String text() {
            return Stream.of(message, details).filter(s -> s != null && !s.isBlank()).distinct()
                    .collect(Collectors.joining(": "));
        }
    }
}
