package com.unifiedbeez.inbox.channel;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.List;

/** Answers a request that breaks channel rules: 422, each error naming its rule. */
public final class ConstraintViolations {
    private ConstraintViolations() {
    }

    public static void reject(List<ConstraintViolation> violations) {
        if (!violations.isEmpty()) {
            throw ApiException.channelConstraint(violations.stream().map(ConstraintViolation::toFieldError).toList());
        }
    }
}
