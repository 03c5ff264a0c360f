package com.unifiedbeez.inbox.settings;

import java.util.Optional;

/** Days messages and their media are kept; null keeps them for good. */
public record RetentionPolicy(Integer messagesDays, Integer mediaDays) {
    public Optional<Integer> messages() {
        return Optional.ofNullable(messagesDays);
    }

    public Optional<Integer> media() {
        return Optional.ofNullable(mediaDays);
    }

    public boolean keepsEverything() {
        return messagesDays == null && mediaDays == null;
    }
}
