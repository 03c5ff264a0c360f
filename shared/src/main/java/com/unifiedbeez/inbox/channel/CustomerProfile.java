package com.unifiedbeez.inbox.channel;

/**
 * What a platform's profile lookup tells of a customer the webhook named only by id (Messenger
 * PSID, Instagram IGSID); either part may be null.
 */
public record CustomerProfile(String displayName, String avatarUrl) {
    public CustomerProfile {
        displayName = PlatformText.clean(displayName);
        avatarUrl = PlatformText.clean(avatarUrl);
    }

    public boolean isEmpty() {
        return (displayName == null || displayName.isBlank()) && (avatarUrl == null || avatarUrl.isBlank());
    }
}
