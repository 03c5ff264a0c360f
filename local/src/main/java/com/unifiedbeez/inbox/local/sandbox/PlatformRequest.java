package com.unifiedbeez.inbox.local.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.local.gateway.GatewayRequest;
import com.unifiedbeez.inbox.local.gateway.Redaction;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request to a platform stand-in, with the parsing every stand-in needs. */
record PlatformRequest(GatewayRequest http, List<String> segments) {
    String method() {
        return http.method().toUpperCase(java.util.Locale.ROOT);
    }

    String header(String name) {
        return http.header(name);
    }

    Map<String, String> query() {
        return HttpForms.parse(http.rawQuery());
    }

    String contentType() {
        return http.header("content-type");
    }

    /** The body as JSON, or null when it is not JSON. */
    JsonNode json() {
        if (http.body().length == 0 || HttpForms.isForm(contentType()) || HttpForms.isMultipart(contentType())) {
            return null;
        }
        try {
            return Json.mapper().readTree(http.body());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The parameters as text, from a form, a multipart body (fields only) or a JSON object (values
     * that are objects or arrays as their JSON text), with the query string's underneath.
     */
    Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>(query());
        if (HttpForms.isForm(contentType())) {
            params.putAll(HttpForms.parse(new String(http.body(), StandardCharsets.UTF_8)));
        } else if (HttpForms.isMultipart(contentType())) {
            HttpForms.multipart(contentType(), http.body()).values().stream().filter(p -> p.fileName() == null)
                    .forEach(p -> params.put(p.name(), p.text()));
        } else {
            JsonNode json = json();
            if (json != null && json.isObject()) {
                json.fields().forEachRemaining(f -> params.put(f.getKey(),
                        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString()));
            }
        }
        return params;
    }

    /** The files of a multipart body. */
    Map<String, HttpForms.Part> files() {
        Map<String, HttpForms.Part> files = new LinkedHashMap<>();
        if (HttpForms.isMultipart(contentType())) {
            HttpForms.multipart(contentType(), http.body()).forEach((name, part) -> {
                if (part.fileName() != null) {
                    files.put(name, part);
                }
            });
        }
        return files;
    }

    /**
     * What to keep of the body in the outbox: JSON as JSON, forms as maps, files by size only; no
     * secret (a Graph access_token, setWebhook's secret_token, ... — see {@link Redaction}).
     */
    Object recorded() {
        if (http.body().length == 0) {
            return null;
        }
        JsonNode json = json();
        if (json != null) {
            if (json.isObject()) {
                List<String> names = new java.util.ArrayList<>();
                json.fieldNames().forEachRemaining(names::add);
                names.stream().filter(Redaction::isSecret)
                        .forEach(n -> ((com.fasterxml.jackson.databind.node.ObjectNode) json).put(n, Redaction.HIDDEN));
            }
            return json;
        }
        Map<String, Object> shown = new LinkedHashMap<>(params());
        shown.replaceAll((name, value) -> Redaction.isSecret(name) ? Redaction.HIDDEN : value);
        files().forEach((name, part) -> shown.put(name, Map.of("fileName", part.fileName(), "bytes",
                part.bytes().length)));
        if (shown.isEmpty()) {
            return Map.of("contentType", String.valueOf(contentType()), "bytes", http.body().length);
        }
        return shown;
    }

    /** Graph API token: the Authorization Bearer header, else the access_token parameter. */
    String bearerToken() {
        String authorization = header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return params().get("access_token");
    }
}
