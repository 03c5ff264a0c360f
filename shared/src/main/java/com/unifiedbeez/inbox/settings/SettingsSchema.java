package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings schema, {@code settings/settings-v1.schema.json} (JSON Schema 2020-12, checked by
 * networknt's validator with formats asserted), and the few rules a schema cannot say: the time
 * zone is one the IANA database knows, and a range ends after it starts. Errors name the path of
 * the value in the level, e.g. {@code workingHours.schedule.monday[0].to}, one per path.
 */
public final class SettingsSchema {
    public static final int VERSION = 1;
    public static final String RESOURCE = "settings/settings-v1.schema.json";

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .formatAssertionsEnabled(true).build()))
            .getSchema(SchemaLocation.of("classpath:" + RESOURCE));

    private SettingsSchema() {
    }

    /** What is wrong with one level's settings; empty when they are valid. */
    public static List<FieldError> validate(ObjectNode level) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Error error : SCHEMA.validate(level)) {
            String path = path(error.getInstanceLocation());
            if ("additionalProperties".equals(error.getKeyword()) && error.getProperty() != null) {
                String field = path.isEmpty() ? error.getProperty() : path + "." + error.getProperty();
                errors.putIfAbsent(field, path.isEmpty() ? "is not a setting" : "is not a field of this setting");
            } else {
                errors.putIfAbsent(path.isEmpty() ? "settings" : path, message(error));
            }
        }
        if (errors.isEmpty()) {
            semantics(level, errors);
        }
        List<FieldError> out = new ArrayList<>();
        errors.forEach((field, message) -> out.add(new FieldError(field, message)));
        return out;
    }

    private static void semantics(ObjectNode level, Map<String, String> errors) {
        JsonNode hours = level.get(SettingKey.WORKING_HOURS.wireName());
        if (hours == null || hours.isNull()) {
            return;
        }
        String zone = hours.get("timezone").asText();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.put("workingHours.timezone", "must be an IANA time zone such as Europe/London");
        }
        hours.get("schedule").fields().forEachRemaining(day -> {
            for (int i = 0; i < day.getValue().size(); i++) {
                JsonNode range = day.getValue().get(i);
                String to = range.get("to").asText();
                if (!"24:00".equals(to) && !LocalTime.parse(range.get("from").asText()).isBefore(LocalTime.parse(to))) {
                    errors.put("workingHours.schedule." + day.getKey() + "[" + i + "].to", "must be after from");
                }
            }
        });
    }

    /** {@code $.a.b[0].c} as {@code a.b[0].c}. */
    private static String path(NodePath location) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                out.append('[').append(index).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(element);
            }
        }
        return out.toString();
    }

    /** The validator's message without the location it starts with (the field says it). */
    private static String message(Error error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
    }
}
