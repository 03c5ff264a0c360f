package com.unifiedbeez.inbox.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** One HTTP request as a route sees it, already matched and authenticated. */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> query,
        Map<String, String> headers,
        String body,
        Caller caller) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /** A path id; one that is not even a UUID cannot exist, so it is a 404 like any unknown id. */
    public UUID pathId(String name, String resource) {
        String raw = pathParameters.get(name);
        return Ids.parse(raw).orElseThrow(() -> ApiException.notFound(resource, raw));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isBlank());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    /** The JSON body as a record; malformed JSON is 400, a field of the wrong type 422. */
    public <T> T body(Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            T value = Json.mapper().readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("the JSON body must be an object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid(fieldPath(e), "is not a known field");
        } catch (InvalidFormatException e) {
            throw ApiException.invalid(fieldPath(e), "has the wrong type: " + describe(e.getValue()));
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw ApiException.badRequest("the JSON body must be an object");
            }
            throw ApiException.invalid(fieldPath(e), "has the wrong type");
        } catch (JsonMappingException e) {
            throw ApiException.invalid(fieldPath(e), "cannot be read");
        } catch (JsonProcessingException e) {
            throw ApiException.malformedJson(e.getOriginalMessage());
        }
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
