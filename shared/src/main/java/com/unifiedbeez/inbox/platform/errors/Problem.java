package com.unifiedbeez.inbox.platform.errors;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details, the body of every error answer; {@code members} are its extension
 * members, written beside the standard ones (e.g. {@code "recovered": false}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
                      @JsonIgnore Map<String, Object> members) {
    public static final String CONTENT_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://docs.unifiedbeez.com/problems/";

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, Map.of());
    }

    @JsonAnyGetter
    Map<String, Object> extensionMembers() {
        return members;
    }
}
