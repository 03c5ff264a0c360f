package com.unifiedbeez.inbox.platform.http;

/** What a route answers: a status and a body that becomes JSON (null for no body). */
public record ApiResult(int status, Object body) {
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
}
