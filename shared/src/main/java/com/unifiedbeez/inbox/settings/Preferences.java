package com.unifiedbeez.inbox.settings;

/** A user's interface preferences: BCP 47 language, notification sound, compact conversation list. */
public record Preferences(String language, boolean sound, boolean compactList) {
}
