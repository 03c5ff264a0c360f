package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Deletes a private note: its author may, and an admin any note of the organization; another agent
 * is refused (403) and nothing changes. The row stays (soft delete) but the note leaves the
 * conversation's notes, and its mentions every mentioned agent's list and "mentions" view. A note
 * already deleted is not found (404), like an unknown one.
 */
@Singleton
public final class NoteDeleter {
    private final Database database;
    private final NoteStore notes;

    @Inject
    public NoteDeleter(Database database, NoteStore notes) {
        this.database = database;
        this.notes = notes;
    }

    public void delete(Caller caller, UUID noteId) {
        database.transaction(c -> {
            NoteStore.Stored note = notes.lockLive(c, caller.organizationId(), noteId)
                    .orElseThrow(() -> ApiException.notFound("note", noteId));
            if (!caller.isAdmin() && !caller.userId().equals(note.authorId())) {
                throw ApiException.forbidden("agents can delete only their own notes");
            }
            notes.softDelete(c, caller.organizationId(), note);
            return null;
        });
    }
}
