package com.unifiedbeez.inbox.label;

import com.unifiedbeez.inbox.conversation.BulkResultView;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.conversation.ConversationSummaryView;
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
    private final ConversationStore conversations;

    @Inject
    public ConversationLabeler(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public ConversationSummaryView apply(Caller caller, UUID conversationId, ApplyLabelsRequest request) {
        Validation v = new Validation();
        List<UUID> labelIds = v.uuids("labelIds", request.labelIds(), ApplyLabelsRequest.MAX_LABELS);
        v.throwIfInvalid();
        return database.transaction(c -> {
            conversations.require(c, caller.organizationId(), conversationId, true);
            requireLabels(c, caller, labelIds);
            conversations.addLabels(c, caller.organizationId(), caller.userId(), List.of(conversationId), labelIds);
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
            conversations.removeLabel(c, conversationId, labelId);
            return null;
        });
    }

    public BulkResultView bulkApply(Caller caller, BulkLabelRequest request) {
        Validation v = new Validation();
        List<UUID> conversationIds = v.uuids("conversationIds", request.conversationIds(), BulkLabelRequest.MAX_CONVERSATIONS);
        List<UUID> labelIds = v.uuids("labelIds", request.labelIds(), ApplyLabelsRequest.MAX_LABELS);
        v.throwIfInvalid();
        return database.transaction(c -> {
            List<UUID> found = conversations.lockAll(c, caller.organizationId(), conversationIds);
            Validation unknown = new Validation();
            unknown.known("conversationIds", conversationIds, new HashSet<>(found), "conversation");
            unknown.throwIfInvalid();
            requireLabels(c, caller, labelIds);
            int added = conversations.addLabels(c, caller.organizationId(), caller.userId(), conversationIds, labelIds);
            return new BulkResultView(conversationIds.size(), added);
        });
    }

    private static void requireLabels(Connection c, Caller caller, List<UUID> labelIds) throws SQLException {
        List<UUID> found = Sql.list(c, "SELECT id FROM labels WHERE organization_id = ? AND id = ANY(?::uuid[])",
                r -> Sql.uuid(r, "id"), caller.organizationId(), labelIds);
        Validation v = new Validation();
        v.known("labelIds", labelIds, new HashSet<>(found), "label");
        v.throwIfInvalid();
    }
}
