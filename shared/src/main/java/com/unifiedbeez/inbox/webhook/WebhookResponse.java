package com.unifiedbeez.inbox.webhook;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Problem;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.List;

/** What a webhook endpoint answers the platform: a status, a content type and a text body. */
public record WebhookResponse(int status, String contentType, String body) {
    public static WebhookResponse text(int status, String body) {
        return new WebhookResponse(status, "text/plain; charset=utf-8", body);
    }

    public static WebhookResponse json(int status, Object body) {
        return new WebhookResponse(status, "application/json", Json.write(body));
    }

    public static WebhookResponse xml(int status, String body) {
        return new WebhookResponse(status, "text/xml; charset=utf-8", body);
    }

    /** RFC 9457 problem+json, like every other error answer of the API. */
    public static WebhookResponse problem(int status, String type, String title, String detail, String instance) {
        Problem problem = new ApiException(status, type, title, detail, List.of()).toProblem(instance);
        return new WebhookResponse(status, Problem.CONTENT_TYPE, Json.write(problem));
    }
}
