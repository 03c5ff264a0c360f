package com.unifiedbeez.inbox.platform.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a route answers: a status, a body that becomes JSON (null for no body) and any extra response headers. */
public record ApiResult(int status, Object body, Map<String, String> headers) {
    public ApiResult {
        headers = Map.copyOf(headers);
    }

    public ApiResult(int status, Object body) {
        this(status, body, Map.of());
    }

    public static ApiResult ok(Object body) {
        return new ApiResult(200, body);
    }

    public static ApiResult created(Object body) {
        return new ApiResult(201, body);
    }

    public static ApiResult accepted(Object body) {
        return new ApiResult(202, body);
    }

    public static ApiResult noContent() {
        return new ApiResult(204, null);
    }

    /** This answer with one more header (names as HTTP/2 writes them: lower case). */
    public ApiResult withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name.toLowerCase(Locale.ROOT), value);
        return new ApiResult(status, body, all);
    }
}
