package com.unifiedbeez.inbox.platform.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One invalid field of a request and what is wrong with it; {@code rule} names the channel
 * constraint it breaks, when it is one (e.g. {@code whatsapp-24h-window}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, String message, String rule) {
    public FieldError(String field, String message) {
        this(field, message, null);
    }
}
