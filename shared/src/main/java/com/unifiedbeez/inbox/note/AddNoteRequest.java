package com.unifiedbeez.inbox.note;

import java.util.List;

/** POST .../:id/notes: a private note, visible to the team only, with the agents it @mentions. */
public record AddNoteRequest(String content, List<String> mentions) {
    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_MENTIONS = 50;
}
