package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether a conversation id names a conversation of the organization: viewers and typing are kept
 * only for those, so an id of another organization (or none) is refused as not found, never
 * stored or announced.
 */
@Singleton
public final class ConversationAccess {
    private final Database database;
    private final ConversationStore conversations;

    @Inject
    public ConversationAccess(Database database, ConversationStore conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    public UUID require(UUID organizationId, String conversationId) {
        return require(organizationId,
                Ids.parse(conversationId).orElseThrow(() -> ApiException.notFound("conversation", conversationId)));
    }

    public UUID require(UUID organizationId, UUID id) {
        boolean found = database.read(c -> conversations.find(c, organizationId, id, false).isPresent());
        if (!found) {
            throw ApiException.notFound("conversation", id);
        }
        return id;
    }
}
