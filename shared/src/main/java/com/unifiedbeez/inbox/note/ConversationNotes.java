package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Adds private notes; each mention puts the conversation in the mentioned agent's "mentions" view. */
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

    public NoteView add(Caller caller, UUID conversationId, AddNoteRequest request) {
        Validation v = new Validation();
        String content = v.text("content", request.content(), AddNoteRequest.MAX_LENGTH);
        List<UUID> mentions = request.mentions() == null || request.mentions().isEmpty()
                ? List.of()
                : v.uuids("mentions", request.mentions(), AddNoteRequest.MAX_MENTIONS);
        v.throwIfInvalid();
        return database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, false);
            List<PartyRef> mentioned = notes.activeAgents(c, caller.organizationId(), mentions);
            Validation unknown = new Validation();
            unknown.known("mentions", mentions, new HashSet<>(mentioned.stream().map(PartyRef::id).toList()), "agent");
            unknown.throwIfInvalid();
            UUID id = Ids.newId();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            PartyRef author = notes.author(c, caller.userId()).orElse(new PartyRef(caller.userId(), null));
            NoteView note = new NoteView(id, conversationId, author, content, mentioned, now);
            notes.insert(c, caller.organizationId(), note);
            return note;
        });
    }
}
