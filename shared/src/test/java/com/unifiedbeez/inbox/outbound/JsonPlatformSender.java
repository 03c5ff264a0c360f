package com.unifiedbeez.inbox.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.PlatformHttp;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.net.http.HttpRequest;

/**
 * The one channel sender of the delivery tests (the real adapters live in their own packages): it
 * speaks a small JSON API as platforms do. {@code POST {base}/messages} with {@code {to, text,
 * mediaUrls}} (plus {@code subject, inReplyTo, references} on a thread) and the connection's
 * {@code accessToken} as bearer; 2xx {@code {"id"}} is accepted, 429 and 5xx are retried (with
 * Retry-After), other 4xx {@code {"code", "message"}} are rejections, and a platform that cannot
 * be reached is retried.
 */
public final class JsonPlatformSender implements OutgoingSender {
    private final Channel channel;
    private final String baseUrl;
    private final PlatformHttp http = new PlatformHttp();

    public JsonPlatformSender(Channel channel, String baseUrl) {
        this.channel = channel;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("to", message.to().identifier());
        body.put("text", message.text());
        message.media().forEach(m -> body.withArray("mediaUrls").add(m.url()));
        if (message.thread() != null) {
            body.put("subject", message.thread().subject());
            body.put("inReplyTo", message.thread().inReplyTo());
            message.thread().references().forEach(r -> body.withArray("references").add(r));
        }
        HttpRequest request = PlatformHttp.request(baseUrl + "/messages")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + connection.secrets().require("accessToken"))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        PlatformHttp.Answer answer;
        try {
            answer = http.exchange(request);
        } catch (IOException e) {
            return new SendOutcome.Retry("platform unreachable: " + e.getClass().getSimpleName(), null);
        }
        if (answer.ok()) {
            return new SendOutcome.Accepted(json(answer).path("id").asText());
        }
        if (answer.transientFailure()) {
            return new SendOutcome.Retry("HTTP " + answer.status(), answer.retryAfter().orElse(null));
        }
        JsonNode error = json(answer);
        return new SendOutcome.Rejected(error.path("code").asText(null), error.path("message").asText("HTTP " + answer.status()));
    }

    private static JsonNode json(PlatformHttp.Answer answer) {
        try {
            return Json.mapper().readTree(answer.body());
        } catch (IOException e) {
            return Json.mapper().createObjectNode();
        }
    }
}
