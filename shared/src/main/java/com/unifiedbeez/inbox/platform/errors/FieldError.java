package com.unifiedbeez.inbox.platform.errors;

/** One invalid field of a request: a JSON pointer-like name and what is wrong with it. */
public record FieldError(String field, String message) {
}
