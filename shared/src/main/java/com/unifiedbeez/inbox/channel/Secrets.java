package com.unifiedbeez.inbox.channel;

import java.util.Map;
import java.util.Optional;

/**
 * A connection's decrypted credentials (accessToken, botToken, authToken, password, webhookSecret,
 * ...). {@link #toString} never shows a value, so a log line or an exception cannot leak one.
 */
public final class Secrets {
    public static final Secrets NONE = new Secrets(Map.of());

    private final Map<String, String> values;

    public Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The secret, or an IllegalStateException naming only the missing key. */
    public String require(String name) {
        return get(name).orElseThrow(() -> new IllegalStateException("connection has no secret '" + name + "'"));
    }

    /** Every value, for encryption only. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet() + "(redacted)";
    }
}
