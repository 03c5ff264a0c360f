package com.unifiedbeez.inbox.notification;

/** Why a user was not emailed about an event ({@code notification_emails.reason} of a skipped row). */
public enum SkipReason {
    /** The user who mentioned or assigned: nobody is emailed about their own action. */
    SELF("self"),
    /** Not a user of the event's organization (an event never names another tenant's user; if it did, no mail). */
    NOT_A_MEMBER("not-a-member"),
    DEACTIVATED("deactivated"),
    /** The user's effective settings have email off for this kind. */
    EMAIL_OFF("email-off"),
    /** The event is older than the mailer's maximum age: a late mail about it would be noise. */
    STALE("stale"),
    /** The conversation is gone (deleted by retention). */
    CONVERSATION_GONE("conversation-gone"),
    /** The note that mentioned the user was deleted before the mail was decided (note.NoteDeleter). */
    NOTE_DELETED("note-deleted"),
    /** Assigned to someone else again before the mail was decided. */
    REASSIGNED("reassigned"),
    /** The user read the conversation in the app after the event. */
    SEEN("seen"),
    /** The user was emailed about this conversation within the window already. */
    WINDOW("window");

    private final String wireName;

    SkipReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
