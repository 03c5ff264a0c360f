package com.unifiedbeez.inbox.platform.http;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One HTTP request as a route sees it, already matched and authenticated. */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        String body,
        Caller caller) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** A path id; one that is not even a UUID cannot exist, so it is a 404 like any unknown id. */
    public UUID pathId(String name, String resource) {
        String raw = pathParameters.get(name);
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(resource, raw));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    /**
     * The JSON body as a record: malformed JSON is 400 (with its line and column), a string that is
     * not storable text or a field of the wrong type 422 naming the field. See {@link JsonBody}.
     */
    public <T> T body(Class<T> type) {
        return JsonBody.read(body, type);
    }
}
