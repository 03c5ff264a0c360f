package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A partial value laid over a whole one, as RFC 7396 JSON Merge Patch does, with one difference:
 * a null field sets that field to null instead of removing it (every field of a settings value is
 * required, so removing one could only fail; {@code "html": null} means "derive it"). A non-object
 * patch, arrays included, replaces the value.
 */
final class MergePatch {
    private MergePatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || target == null || !target.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode out = ((ObjectNode) target).deepCopy();
        patch.fields().forEachRemaining(field -> out.set(field.getKey(),
                field.getValue().isNull() ? field.getValue() : apply(out.get(field.getKey()), field.getValue())));
        return out;
    }
}
