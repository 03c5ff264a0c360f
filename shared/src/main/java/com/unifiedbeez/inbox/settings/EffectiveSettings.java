package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every key's effective value with its provenance, as {@link SettingsResolver} resolved it, and
 * the values as the records the inbox acts on. Its JSON is the API's {@code effective=true} answer:
 * {@code {key: {value, source, locked}}} in the schema's key order.
 */
public final class EffectiveSettings {
    private static final ObjectMapper MAPPER = Json.mapper();
    private static final TypeReference<Map<String, Notifications.Media>> MEDIA = new TypeReference<>() { };

    private final Map<SettingKey, EffectiveValue> values;

    EffectiveSettings(Map<SettingKey, EffectiveValue> values) {
        this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public EffectiveValue get(SettingKey key) {
        return values.get(key);
    }

    public JsonNode value(SettingKey key) {
        return values.get(key).value();
    }

    @JsonValue
    public Map<String, EffectiveValue> byWireName() {
        Map<String, EffectiveValue> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key.wireName(), value));
        return out;
    }

    public Notifications notifications() {
        return new Notifications(MAPPER.convertValue(value(SettingKey.NOTIFICATIONS), MEDIA));
    }

    public WorkingHours workingHours() {
        return as(SettingKey.WORKING_HOURS, WorkingHours.class);
    }

    /**
     * Whether the away message is on, read without building {@link #awayMessage()}: what every
     * customer message asks, and for most organizations the answer that ends the question.
     */
    public boolean awayMessageEnabled() {
        return value(SettingKey.AWAY_MESSAGE).path("enabled").asBoolean(false);
    }

    public AwayMessage awayMessage() {
        return as(SettingKey.AWAY_MESSAGE, AwayMessage.class);
    }

    public Signature signature() {
        return as(SettingKey.SIGNATURE, Signature.class);
    }

    public Preferences preferences() {
        return as(SettingKey.PREFERENCES, Preferences.class);
    }

    /**
     * The value over the product default field by field: a level saved before a field existed
     * keeps its choices and gets the default for the rest, while an explicit null stays null (off).
     */
    public AutoAssignment autoAssignment() {
        ObjectNode value = ((ObjectNode) SettingsDefaults.shared().get(SettingKey.AUTO_ASSIGNMENT.wireName())).deepCopy();
        value(SettingKey.AUTO_ASSIGNMENT).fields().forEachRemaining(f -> value.set(f.getKey(), f.getValue()));
        return MAPPER.convertValue(value, AutoAssignment.class);
    }

    public RetentionPolicy retentionPolicy() {
        return as(SettingKey.RETENTION_POLICY, RetentionPolicy.class);
    }

    private <T> T as(SettingKey key, Class<T> type) {
        return MAPPER.convertValue(value(key), type);
    }
}
