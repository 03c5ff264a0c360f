package com.unifiedbeez.inbox.platform.errors;

import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served as asked. Services throw it; the dispatcher turns it into a
 * problem+json answer. The {@code type} slug is stable: clients may switch on it.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> members;

    public ApiException(int status, String slug, String title, String detail, List<FieldError> errors) {
        this(status, slug, title, detail, errors, Map.of());
    }

    /** With RFC 9457 extension members: more fields of the problem object, for clients to act on. */
    public ApiException(int status, String slug, String title, String detail, List<FieldError> errors,
                        Map<String, Object> members) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.members = Map.copyOf(members);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(400, "bad-request", "Bad request", detail, List.of());
    }

    public static ApiException malformedJson(String detail) {
        return new ApiException(400, "malformed-json", "Malformed JSON body", detail, List.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ApiException(422, "validation-failed", "Validation failed", detail, errors);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** A request that breaks a channel's rules (reply window, length, media); each error names its rule. */
    public static ApiException channelConstraint(List<FieldError> violations) {
        FieldError first = violations.get(0);
        return new ApiException(422, "channel-constraint", "Channel constraint violated",
                first.message() + " (" + first.rule() + ")", violations);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Unauthorized", detail, List.of());
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail, List.of());
    }

    public static ApiException notFound(String resource, Object id) {
        return new ApiException(404, "not-found", "Not found", resource + " " + id + " does not exist", List.of());
    }

    public static ApiException routeNotFound(String method, String path) {
        return new ApiException(404, "route-not-found", "Not found", "no route for " + method + " " + path, List.of());
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(409, slug, "Conflict", detail, List.of());
    }

    /** 409 whose {@code members} say what the state is now, for the client to catch up and try again. */
    public static ApiException conflict(String slug, String detail, Map<String, Object> members) {
        return new ApiException(409, slug, "Conflict", detail, List.of(), members);
    }

    /** 410: what was asked for is no longer kept; {@code members} tell the client what to do instead. */
    public static ApiException gone(String slug, String detail, Map<String, Object> members) {
        return new ApiException(410, slug, "Gone", detail, List.of(), members);
    }

    public int status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors, members);
    }
}
