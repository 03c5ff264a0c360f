package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.Page;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The caller's @mentions, as the notifications panel shows them: newest first, each unread until
 * the caller marks it (or all of them) read. Mentions in deleted notes are gone; another user's
 * mentions are never the caller's to see or mark.
 */
@Singleton
public final class MentionInbox {
    private final Database database;
    private final NoteStore notes;

    @Inject
    public MentionInbox(Database database, NoteStore notes) {
        this.database = database;
        this.notes = notes;
    }

    public Page<MentionView> page(Caller caller, MentionFilter filter, PageRequest page) {
        return database.read(c -> {
            List<MentionView> rows = notes.mentions(c, caller.organizationId(), caller.userId(), filter.unreadOnly(), page);
            if (rows.size() <= page.limit()) {
                return new Page<>(rows, null);
            }
            List<MentionView> items = List.copyOf(rows.subList(0, page.limit()));
            MentionView last = items.get(items.size() - 1);
            return new Page<>(items, new Cursor(last.createdAt(), last.noteId()).encode());
        });
    }

    /** The caller's mention in this note, read (again: the first reading's time stays); 404 if there is none. */
    public MentionView markRead(Caller caller, UUID noteId) {
        return database.transaction(c -> {
            notes.markMentionRead(c, caller.organizationId(), caller.userId(), noteId);
            return notes.mention(c, caller.organizationId(), caller.userId(), noteId)
                    .orElseThrow(() -> ApiException.notFound("mention of note", noteId));
        });
    }

    public MarkedReadView markAllRead(Caller caller) {
        return database.transaction(c ->
                new MarkedReadView(notes.markAllMentionsRead(c, caller.organizationId(), caller.userId())));
    }
}
