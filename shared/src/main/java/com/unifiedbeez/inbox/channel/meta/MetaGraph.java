package com.unifiedbeez.inbox.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MediaUnavailable;
import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import java.util.function.Function;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Graph API calls Messenger and Instagram share: the Send API, GETs for health checks, profile
 * lookups and attachment downloads; and, for WhatsApp too, the bearer request and the reading of answers. The
 * access token goes in the Authorization header, never in a URL, so no access log or exception
 * message carries it (and PlatformHttp keeps it from a redirect's other host).
 */
public final class MetaGraph {
    private static final Logger LOG = LoggerFactory.getLogger(MetaGraph.class);
    /** The connection secret holding the Page / system-user access token. */
    public static final String ACCESS_TOKEN = "accessToken";

    private final String base;
    private final PlatformHttp http;

    @Inject
    public MetaGraph(Config config, PlatformHttp http) {
        this.base = PlatformEndpoints.graphApi(config);
        this.http = http;
    }

    /** POST {graph}/{node}/messages: Accepted(message_id), Rejected or Retry; IOException is Retry. */
    public SendOutcome sendMessage(String node, String accessToken, ObjectNode body) {
        HttpRequest request = request(base + "/" + node + "/messages", accessToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        PlatformHttp.Answer answer;
        try {
            answer = http.exchange(request);
        } catch (IOException e) {
            return new SendOutcome.Retry("Graph API not reached: " + e.getClass().getSimpleName(), null);
        }
        if (!answer.ok()) {
            return MetaGraphError.of(answer).outcome(answer);
        }
        String messageId = readTree(answer).path("message_id").asText("");
        return messageId.isEmpty()
                ? new SendOutcome.Rejected("no-message-id", "Graph API answered " + answer.status() + " without message_id")
                : new SendOutcome.Accepted(messageId);
    }

    /**
     * A health check: GET {graph}/{path}; ok when the platform answers 2xx and {@code describe}
     * accepts the body (a non-null detail), failed with the platform's error otherwise.
     */
    public Check check(String name, String path, String accessToken, Function<JsonNode, String> describe) {
        try {
            PlatformHttp.Answer answer = http.exchange(request(base + "/" + path, accessToken).GET().build());
            if (!answer.ok()) {
                MetaGraphError error = MetaGraphError.of(answer);
                return new Check(name, false, error.codeText() + ": " + error.message());
            }
            String detail = describe.apply(readTree(answer));
            return detail == null ? new Check(name, false, "unexpected answer") : new Check(name, true, detail);
        } catch (IOException e) {
            return new Check(name, false, "Graph API not reached: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The page's app subscriptions (GET /{page-id}/subscribed_apps): ok when an app receives the
     * page's {@code messages} field.
     */
    public Check subscription(String pageId, String accessToken) {
        return check("webhook subscribed", pageId + "/subscribed_apps", accessToken, body -> {
            for (JsonNode app : body.path("data")) {
                for (JsonNode field : app.path("subscribed_fields")) {
                    if ("messages".equals(field.asText())) {
                        return "app " + app.path("name").asText(app.path("id").asText()) + " receives messages";
                    }
                }
            }
            return null;
        });
    }

    /**
     * A User Profile API read, GET {graph}/{scoped-id}?fields=...: the answer's JSON, or empty when
     * the platform refuses (a page without the permission answers 403 or a Graph error), fails or is
     * not reached; logged with the platform's code, never the token. An id that is not a plain
     * scoped id (digits, letters) is not sent.
     */
    public Optional<JsonNode> profile(String scopedId, String fields, String accessToken) {
        if (scopedId == null || !scopedId.matches("[A-Za-z0-9_-]{1,64}")) {
            LOG.warn("profile lookup skipped: not a scoped id");
            return Optional.empty();
        }
        try {
            PlatformHttp.Answer answer = http.exchange(request(base + "/" + scopedId + "?fields=" + fields, accessToken)
                    .GET().build());
            if (!answer.ok()) {
                MetaGraphError error = MetaGraphError.of(answer);
                LOG.warn("profile lookup answered HTTP {} {}: {}", answer.status(), error.codeText(), error.message());
                return Optional.empty();
            }
            return json(answer).filter(JsonNode::isObject);
        } catch (IOException e) {
            LOG.warn("profile lookup: Graph API not reached: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Downloads an attachment from its CDN URL (signed, so no token is sent: nothing to keep from a
     * redirect). 403, 404 and 410 are {@link MediaUnavailable}: the signed link has expired or the
     * file was removed, and we hold no other way to ask for it (the webhook gave only the URL).
     * Other non-2xx is an IOException: retry later.
     */
    public MediaContent download(String url) throws IOException {
        PlatformHttp.Answer answer = http.exchange(PlatformHttp.request(url).GET().build());
        if (PlatformHttp.permanentStatus(answer.status())) {
            throw new MediaUnavailable("the attachment link answered HTTP " + answer.status()
                    + ": expired or removed");
        }
        if (!answer.ok()) {
            throw new IOException("attachment download answered HTTP " + answer.status());
        }
        return new MediaContent(answer.body(), answer.contentType().orElse("application/octet-stream"),
                fileName(url));
    }

    /** The last path segment when it looks like a file name (Messenger file URLs end with it). */
    static String fileName(String url) {
        String path = URI.create(url).getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".") ? last : null;
    }

    /** A Graph API request carrying {@code accessToken} as a bearer token. */
    public static HttpRequest.Builder request(String url, String accessToken) {
        return PlatformHttp.request(url).header("Authorization", "Bearer " + accessToken);
    }

    /** The JSON of an answer, or empty when it is not JSON. */
    public static Optional<JsonNode> json(PlatformHttp.Answer answer) {
        try {
            return Optional.ofNullable(Json.mapper().readTree(answer.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode readTree(PlatformHttp.Answer answer) {
        return json(answer).orElseGet(Json.mapper()::createObjectNode);
    }
}
