package com.unifiedbeez.inbox.note;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView.PartyRef;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
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

    @Inject
    public ConversationNotes(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
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
            List<PartyRef> mentioned = Sql.list(c, """
                    SELECT id, name FROM users WHERE organization_id = ? AND id = ANY(?::uuid[]) AND deactivated_at IS NULL
                     ORDER BY name""",
                    r -> new PartyRef(Sql.uuid(r, "id"), r.getString("name")), caller.organizationId(), mentions);
            Validation unknown = new Validation();
            unknown.known("mentions", mentions, new HashSet<>(mentioned.stream().map(PartyRef::id).toList()), "agent");
            unknown.throwIfInvalid();
            UUID id = Ids.newId();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Sql.update(c, "INSERT INTO notes (id, organization_id, conversation_id, author_id, content, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    id, caller.organizationId(), conversationId, caller.userId(), content, now);
            if (!mentions.isEmpty()) {
                Sql.update(c, """
                        INSERT INTO note_mentions (organization_id, note_id, user_id, conversation_id, created_at)
                        SELECT ?, ?, u, ?, ? FROM unnest(?::uuid[]) u""",
                        caller.organizationId(), id, conversationId, now, mentions);
            }
            PartyRef author = Sql.one(c, "SELECT id, name FROM users WHERE id = ?",
                    r -> new PartyRef(Sql.uuid(r, "id"), r.getString("name")), caller.userId())
                    .orElse(new PartyRef(caller.userId(), null));
            return new NoteView(id, conversationId, author, content, mentioned, now);
        });
    }
}
