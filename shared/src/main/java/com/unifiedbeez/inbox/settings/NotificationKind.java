package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a user can be notified of ({@code notifications} in the settings). */
public enum NotificationKind {
    NEW_CONVERSATION("newConversation"),
    ASSIGNED_TO_ME("assignedToMe"),
    MENTION("mention"),
    NEW_MESSAGE_IN_MY_CONVERSATION("newMessageInMyConversation");

    private final String wireName;

    NotificationKind(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
