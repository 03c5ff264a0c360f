package com.unifiedbeez.inbox.channel;

import com.unifiedbeez.inbox.platform.errors.FieldError;
import java.util.Objects;

/**
 * One channel constraint an outgoing message breaks. {@code rule} is a stable slug clients can
 * switch on ({@code whatsapp-24h-window}, {@code meta-7-day-window}, {@code sms-no-media},
 * {@code text-too-long}, {@code media-type-not-allowed}, {@code media-too-large},
 * {@code too-many-attachments}, {@code type-not-supported}, {@code empty-message});
 * {@code field} is the request field to fix ({@code content}, {@code type}, {@code attachments},
 * {@code attachments[0]}, or {@code conversation} when no field of the message can fix it).
 */
public record ConstraintViolation(String rule, String field, String message) {
    public ConstraintViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public ConstraintViolation withField(String newField) {
        return new ConstraintViolation(rule, newField, message);
    }

    /** The shape a 422 problem carries in {@code errors[]}. */
    public FieldError toFieldError() {
        return new FieldError(field, message, rule);
    }
}
