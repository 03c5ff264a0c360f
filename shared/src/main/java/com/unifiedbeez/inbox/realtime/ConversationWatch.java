package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.time.Instant;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Collision detection over HTTP: {@code GET /api/inbox/conversations/:id/viewers} and
 * {@code POST /api/inbox/typing} (the spec's REST fallback of the WebSocket's typing actions).
 */
@Singleton
public final class ConversationWatch {
    private final ConversationAccess conversations;
    private final ConversationViewers viewers;
    private final LiveSignals signals;
    private final ConnectionCleanup cleanup;

    @Inject
    public ConversationWatch(ConversationAccess conversations, ConversationViewers viewers, LiveSignals signals,
                             ConnectionCleanup cleanup) {
        this.conversations = conversations;
        this.viewers = viewers;
        this.signals = signals;
        this.cleanup = cleanup;
    }

    public LiveSignals.ViewersView viewers(Caller caller, UUID conversationId) {
        UUID id = conversations.require(caller.organizationId(), conversationId);
        return signals.viewersOf(caller.organizationId(), id, Instant.now());
    }

    public void typing(Caller caller, TypingRequest request) {
        if (request == null || request.conversationId() == null) {
            throw ApiException.invalid("conversationId", "is required");
        }
        if (request.isTyping() == null) {
            throw ApiException.invalid("isTyping", "is required (true or false)");
        }
        UUID id = conversations.require(caller.organizationId(), request.conversationId());
        Instant now = Instant.now();
        if (request.isTyping()) {
            viewers.startTyping(caller.organizationId(), id, caller.userId(), now);
        } else {
            viewers.stopTyping(caller.organizationId(), id, caller.userId(), now);
        }
        cleanup.gone(signals.typing(caller.organizationId(), id, caller.userId(), request.isTyping(), now));
    }
}
