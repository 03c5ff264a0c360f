package com.unifiedbeez.inbox.label;

import com.unifiedbeez.inbox.conversation.BulkResult;
import com.unifiedbeez.inbox.conversation.ConversationRepository;
import com.unifiedbeez.inbox.conversation.ConversationSummary;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.Validation;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Applies and removes labels on conversations; applying a label twice changes nothing. */
@Singleton
public final class ConversationLabeler {
    private final Database database;
    private final ConversationRepository conversations;

    @Inject
    public ConversationLabeler(Database database, ConversationRepository conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public ConversationSummary apply(Caller caller, UUID conversationId, ApplyLabels request) {
        Validation v = new Validation();
        List<UUID> labelIds = v.uuids("labelIds", request.labelIds(), ApplyLabels.MAX_LABELS);
        v.throwIfInvalid();
        return database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, true);
            requireLabels(c, caller, labelIds);
            insert(c, caller, List.of(conversationId), labelIds);
            touch(c, List.of(conversationId));
            return conversations.summary(c, caller, conversationId).orElseThrow();
        });
    }

    /** Idempotent: removing a label the conversation does not carry is fine; an unknown label is 404. */
    public void remove(Caller caller, UUID conversationId, UUID labelId) {
        database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, true);
            if (Sql.one(c, "SELECT 1 FROM labels WHERE organization_id = ? AND id = ?", r -> 1,
                    caller.organizationId(), labelId).isEmpty()) {
                throw ApiException.notFound("label", labelId);
            }
            if (Sql.update(c, "DELETE FROM conversation_labels WHERE conversation_id = ? AND label_id = ?",
                    conversationId, labelId) > 0) {
                touch(c, List.of(conversationId));
            }
            return null;
        });
    }

    public BulkResult bulkApply(Caller caller, BulkLabel request) {
        Validation v = new Validation();
        List<UUID> conversationIds = v.uuids("conversationIds", request.conversationIds(), BulkLabel.MAX_CONVERSATIONS);
        List<UUID> labelIds = v.uuids("labelIds", request.labelIds(), ApplyLabels.MAX_LABELS);
        v.throwIfInvalid();
        return database.transaction(c -> {
            List<UUID> found = Sql.list(c,
                    "SELECT id FROM conversations WHERE organization_id = ? AND id = ANY(?::uuid[]) FOR UPDATE",
                    r -> Sql.uuid(r, "id"), caller.organizationId(), conversationIds);
            Validation unknown = new Validation();
            unknown.known("conversationIds", conversationIds, new HashSet<>(found), "conversation");
            unknown.throwIfInvalid();
            requireLabels(c, caller, labelIds);
            int added = insert(c, caller, conversationIds, labelIds);
            touch(c, conversationIds);
            return new BulkResult(conversationIds.size(), added);
        });
    }

    private static void requireLabels(Connection c, Caller caller, List<UUID> labelIds) throws SQLException {
        List<UUID> found = Sql.list(c, "SELECT id FROM labels WHERE organization_id = ? AND id = ANY(?::uuid[])",
                r -> Sql.uuid(r, "id"), caller.organizationId(), labelIds);
        Validation v = new Validation();
        v.known("labelIds", labelIds, new HashSet<>(found), "label");
        v.throwIfInvalid();
    }

    /** Adds every (conversation, label) pair not there yet; returns how many conversations gained a label. */
    private static int insert(Connection c, Caller caller, List<UUID> conversationIds, List<UUID> labelIds) throws SQLException {
        return Sql.one(c, """
                WITH added AS (
                    INSERT INTO conversation_labels (organization_id, conversation_id, label_id, applied_by)
                    SELECT ?, conv, label, ? FROM unnest(?::uuid[]) conv CROSS JOIN unnest(?::uuid[]) label
                    ON CONFLICT DO NOTHING
                    RETURNING conversation_id)
                SELECT count(DISTINCT conversation_id) FROM added""",
                r -> r.getInt(1), caller.organizationId(), caller.userId(), conversationIds, labelIds).orElseThrow();
    }

    private static void touch(Connection c, List<UUID> conversationIds) throws SQLException {
        Sql.update(c, "UPDATE conversations SET updated_at = now() WHERE id = ANY(?::uuid[])", conversationIds);
    }
}
