package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import java.util.Map;
import java.util.Optional;

/**
 * The reply a customer gets when writing outside working hours, at most once per conversation
 * per {@code intervalMinutes}. {@code channels} gives a channel its own text, or {@code false} to
 * send nothing on it.
 */
public record AwayMessage(boolean enabled, String text, int intervalMinutes, Map<String, JsonNode> channels) {
    /** The text to send on {@code channel}, or empty when none is sent there. */
    public Optional<String> textFor(Channel channel) {
        if (!enabled) {
            return Optional.empty();
        }
        JsonNode own = channels.get(channel.wireName());
        if (own == null) {
            return Optional.of(text);
        }
        return own.isTextual() ? Optional.of(own.asText()) : Optional.empty();
    }
}
