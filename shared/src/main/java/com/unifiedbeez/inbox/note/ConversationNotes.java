package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.platform.page.Cursor;
import com.unifiedbeez.inbox.platform.page.Page;
import com.unifiedbeez.inbox.platform.page.PageRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A conversation's private notes: adding one (each mention puts the conversation in the mentioned
 * agent's "mentions" view and tells them through {@code note:added}) and reading them.
 */
@Singleton
public final class ConversationNotes {
    private final Database database;
    private final ConversationStore conversations;
    private final NoteStore notes;

    @Inject
    public ConversationNotes(Database database, ConversationStore conversations, NoteStore notes) {
        this.database = database;
        this.conversations = conversations;
        this.notes = notes;
    }

    /** A note's text and the agents it names, as checked before the database is asked. */
    private record Draft(String content, List<UUID> mentions) {
    }

    /** POST /conversations/{id}/notes. */
    public NoteView add(Caller caller, UUID conversationId, AddNoteRequest request) {
        Validation v = new Validation();
        Draft draft = draft(v, request.content(), request.mentions());
        v.throwIfInvalid();
        return add(caller, conversationId, draft);
    }

    /** POST /notes: the same note, the conversation named in the body (unknown or another organization's: 404). */
    public NoteView add(Caller caller, ConversationNoteRequest request) {
        Validation v = new Validation();
        UUID conversationId = v.uuid("conversationId", request.conversationId());
        Draft draft = draft(v, request.content(), request.mentions());
        v.throwIfInvalid();
        return add(caller, conversationId, draft);
    }

    /** The conversation's notes that are not deleted, oldest first. */
    public Page<NoteView> page(Caller caller, UUID conversationId, PageRequest page) {
        return database.read(c -> {
            conversations.require(c, caller.organizationId(), conversationId, false);
            List<NoteView> rows = notes.page(c, caller.organizationId(), conversationId, page);
            if (rows.size() <= page.limit()) {
                return new Page<>(rows, null);
            }
            List<NoteView> items = List.copyOf(rows.subList(0, page.limit()));
            NoteView last = items.get(items.size() - 1);
            return new Page<>(items, new Cursor(last.createdAt(), last.id()).encode());
        });
    }

    private static Draft draft(Validation v, String content, List<String> mentions) {
        String text = v.text("content", content, AddNoteRequest.MAX_LENGTH);
        List<UUID> ids = mentions == null || mentions.isEmpty()
                ? List.of()
                : v.uuids("mentions", mentions, AddNoteRequest.MAX_MENTIONS);
        return new Draft(text, ids);
    }

    private NoteView add(Caller caller, UUID conversationId, Draft draft) {
        return database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, false);
            List<PartyRef> mentioned = notes.activeAgents(c, caller.organizationId(), draft.mentions());
            Validation unknown = new Validation();
            unknown.known("mentions", draft.mentions(), new HashSet<>(mentioned.stream().map(PartyRef::id).toList()), "agent");
            unknown.throwIfInvalid();
            UUID id = Ids.newId();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            PartyRef author = notes.author(c, caller.userId()).orElse(new PartyRef(caller.userId(), null));
            NoteView note = new NoteView(id, conversationId, author, draft.content(), mentioned, now);
            notes.insert(c, caller.organizationId(), note);
            return note;
        });
    }
}
