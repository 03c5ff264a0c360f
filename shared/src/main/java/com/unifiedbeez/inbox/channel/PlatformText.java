package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Text a platform sent us, made storable. PostgreSQL's text refuses the NUL character (U+0000,
 * "invalid byte sequence for encoding UTF8: 0x00") and jsonb refuses its escape ("unsupported
 * Unicode escape sequence"), while JSON, form bodies and mail may carry it: it is removed, from
 * every string the inbound events carry, so a valid message is never refused by the database.
 */
public final class PlatformText {
    private static final char NUL = '\u0000';

    private PlatformText() {
    }

    /** {@code text} without NUL; null stays null. */
    public static String clean(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(String.valueOf(NUL), "");
    }

    public static List<String> clean(List<String> texts) {
        return texts == null ? null : texts.stream().map(PlatformText::clean).toList();
    }

    /** A copy of a JSON object with NUL removed from every string and field name in it (the original when it has none). */
    public static ObjectNode clean(ObjectNode json) {
        return json == null || !hasNul(json) ? json : (ObjectNode) cleaned(json);
    }

    private static boolean hasNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().indexOf(NUL) >= 0 || hasNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode cleaned(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(clean(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(f -> copy.set(clean(f.getKey()), cleaned(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(cleaned(element)));
            return copy;
        }
        return node;
    }
}
