package com.unifiedbeez.inbox.platform.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.platform.text.StorableText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads an API request's JSON body into its request record, strictly, in two steps: parse to a
 * tree (syntax, trailing content, duplicate fields, size limits: 400), then check every string and
 * number of the tree (NUL, unpaired surrogates, numbers no field can hold: 422 naming the field)
 * before mapping it to the record (unknown fields, wrong types: 422). Details name a line and column
 * or a field, never the parser's own words, which mention its classes and settings.
 */
final class JsonBody {
    /** Far beyond any request of this API (a few levels), far below what would cost real stack. */
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    /** No field takes more than a note's 10,000 characters; API Gateway itself caps bodies at 10 MB. */
    static final int MAX_STRING_LENGTH = 1_000_000;
    static final int MAX_NAME_LENGTH = 1_000;

    private static final ObjectMapper MAPPER = Json.mapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build());

    static {
        // A client writes numbers as numbers: "size": "10" is the wrong type, as "content": 10 is.
        for (LogicalType number : new LogicalType[] {LogicalType.Integer, LogicalType.Float}) {
            MAPPER.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
    }

    private JsonBody() {
    }

    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required");
        }
        JsonNode tree = parse(body);
        if (!tree.isObject()) {
            throw ApiException.badRequest("the JSON body must be an object");
        }
        Validation v = new Validation();
        check(tree, new ArrayList<>(), v);
        v.throwIfInvalid();
        return map(tree, type);
    }

    private static JsonNode parse(String body) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            try {
                JsonNode tree = MAPPER.readTree(parser);
                // One document per body: "{...} xyz" or "{...}{...}" is malformed, not its first value.
                if (parser.nextToken() != null) {
                    throw ApiException.malformedJson("malformed JSON" + at(parser.currentTokenLocation()));
                }
                return tree;
            } catch (StreamConstraintsException e) {
                throw ApiException.badRequest("the JSON body " + limit(e) + at(parser.currentLocation()));
            } catch (JsonProcessingException e) {
                throw ApiException.malformedJson("malformed JSON" + at(e.getLocation() != null ? e.getLocation() : parser.currentLocation()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    private static <T> T map(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid(path(e), "is not a known field");
        } catch (InvalidFormatException e) {
            throw ApiException.invalid(path(e), "has the wrong type: " + describe(e.getValue()));
        } catch (MismatchedInputException e) {
            throw ApiException.invalid(path(e), "has the wrong type");
        } catch (JsonMappingException e) {
            throw ApiException.invalid(path(e), "cannot be read");
        } catch (JsonProcessingException e) {
            // A value the field's type cannot hold (a number past int's range): the tree parser knows where.
            String field = e.getProcessor() instanceof JsonParser p ? path(p.getParsingContext()) : "body";
            throw ApiException.invalid(field, "is out of range");
        }
    }

    /** Every string (values and field names) must be storable text; every number must fit a field. */
    private static void check(JsonNode node, List<String> path, Validation v) {
        if (node.isTextual()) {
            StorableText.defect(node.textValue()).ifPresent(defect -> v.add(join(path), defect));
        } else if (node.isBigInteger() || (node.isDouble() && !Double.isFinite(node.doubleValue()))) {
            v.add(join(path), "is out of range");
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add("[" + i + "]");
                check(node.get(i), path, v);
                path.remove(path.size() - 1);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = field.getKey();
                var defect = StorableText.defect(name);
                if (defect.isPresent()) {
                    v.add(join(path), "has a field name that " + defect.get());
                    continue;
                }
                path.add(name);
                check(field.getValue(), path, v);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String join(List<String> path) {
        if (path.isEmpty()) {
            return "body";
        }
        StringBuilder field = new StringBuilder();
        for (String part : path) {
            if (!part.startsWith("[") && field.length() > 0) {
                field.append('.');
            }
            field.append(part);
        }
        return field.toString();
    }

    private static String path(JsonMappingException e) {
        return join(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.toList()));
    }

    private static String path(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(c.getCurrentName());
            }
        }
        Collections.reverse(parts);
        return join(parts);
    }

    /** Which limit, in our words (the parser's message names its own settings class). */
    private static String limit(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "nests deeper than " + MAX_DEPTH + " levels";
        }
        if (message.startsWith("Number value length")) {
            return "has a number longer than " + MAX_NUMBER_LENGTH + " digits";
        }
        if (message.startsWith("String value length")) {
            return "has a text longer than " + MAX_STRING_LENGTH + " characters";
        }
        if (message.startsWith("Name length")) {
            return "has a field name longer than " + MAX_NAME_LENGTH + " characters";
        }
        return "is larger than this API reads";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
