package com.unifiedbeez.inbox.settings;

import java.util.Map;

/** Per kind of event, whether a user is told in the app and by email. */
public record Notifications(Map<String, Media> kinds) {
    public record Media(boolean inApp, boolean email) {
    }

    public boolean email(NotificationKind kind) {
        Media media = kinds.get(kind.wireName());
        return media != null && media.email();
    }

    public boolean inApp(NotificationKind kind) {
        Media media = kinds.get(kind.wireName());
        return media != null && media.inApp();
    }
}
