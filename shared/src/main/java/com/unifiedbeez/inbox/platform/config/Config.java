package com.unifiedbeez.inbox.platform.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration read in one place: the process environment, overlaid by JVM system properties
 * of the same names. Lambda sets environment variables; the local runtime runs every function in
 * one process and sets system properties, so both paths use the same names.
 */
public final class Config {
    public static final String DB_URL = "INBOX_DB_URL";
    public static final String DB_USER = "INBOX_DB_USER";
    public static final String DB_PASSWORD = "INBOX_DB_PASSWORD";
    public static final String DB_POOL_SIZE = "INBOX_DB_POOL_SIZE";
    public static final String JWT_SECRET = "INBOX_JWT_SECRET";

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Config fromEnvironment() {
        Map<String, String> merged = new HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            String key = k.toString();
            if (key.startsWith("INBOX_") || key.startsWith("AWS_")) {
                merged.put(key, v.toString());
            }
        });
        return new Config(merged);
    }

    public static Config of(Map<String, String> values) {
        return new Config(values);
    }

    public Config with(String key, String value) {
        Map<String, String> copy = new HashMap<>(values);
        copy.put(key, value);
        return new Config(copy);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("missing configuration " + key));
    }

    public int intValue(String key, int defaultValue) {
        return get(key).map(Integer::parseInt).orElse(defaultValue);
    }
}
