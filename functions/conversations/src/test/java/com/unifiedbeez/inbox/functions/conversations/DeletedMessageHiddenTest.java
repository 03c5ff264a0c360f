package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.AttachmentLinks;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.message.MessageDeleter;
import com.unifiedbeez.inbox.message.MessageHistory;
import com.unifiedbeez.inbox.message.MessageSearch;
import com.unifiedbeez.inbox.message.MessageSearchQuery;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.message.MessageView;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deleted message is hidden on every read path: the conversation's preview in the inbox list, the
 * detail and conversation search falls back to the newest remaining message (or none), and neither
 * history nor message search gives its text. The DELETE route's service is called as the messages
 * function calls it; the reads go through the conversations handler and the message read services.
 */
class DeletedMessageHiddenTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final ConversationStore conversations = new ConversationStore(TestEvents.written(database));
    private final MessageDeleter deleter = new MessageDeleter(database, new MessageStore(), conversations);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private UUID org;
    private Caller ada;
    private UUID conversation;
    private UUID first;
    private UUID last;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        ada = fx.user(org, "Ada", Role.ADMIN);
        UUID alice = fx.contact(org, "Alice Liddell", "whatsapp", "44" + UUID.randomUUID());
        conversation = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(now.minus(1, ChronoUnit.HOURS)));
        first = fx.inboundMessage(org, conversation, "Hello, I ordered a kettle", now.minus(20, ChronoUnit.MINUTES));
        last = fx.inboundMessage(org, conversation, "my card number is 4111 1111", now.minus(10, ChronoUnit.MINUTES));
    }

    private JsonNode listed(String path, Map<String, String> query) {
        var events = request("GET", path).as(ada);
        query.forEach(events::query);
        JsonNode items = call(events).json().path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(i -> i.path("id").asText().equals(conversation.toString())).findFirst().orElse(null);
    }

    private JsonNode detail() {
        return call(request("GET", BASE + "/{id}").path("id", conversation).as(ada)).json();
    }

    @Test
    void thePreviewFallsBackToTheNewestRemainingMessageEverywhere() {
        assertThat(listed(BASE, Map.of()).path("lastMessagePreview").asText()).contains("4111");
        deleter.delete(ada, last);

        assertThat(listed(BASE, Map.of()).path("lastMessagePreview").asText()).isEqualTo("Hello, I ordered a kettle");
        assertThat(detail().path("conversation").path("lastMessagePreview").asText()).isEqualTo("Hello, I ordered a kettle");
        assertThat(listed(BASE + "/search", Map.of("q", "Alice")).path("lastMessagePreview").asText())
                .isEqualTo("Hello, I ordered a kettle");
        assertThat(listed(BASE + "/search", Map.of("q", "4111"))).as("its text finds no conversation").isNull();
        JsonNode tombstone = StreamSupport.stream(detail().path("lastMessages").spliterator(), false)
                .filter(m -> m.path("id").asText().equals(last.toString())).findFirst().orElseThrow();
        assertThat(tombstone.path("content").isNull()).isTrue();
        assertThat(tombstone.path("deletedAt").isNull()).isFalse();

        MessageHistory history = new MessageHistory(database, conversations, new MessageStore());
        var page = history.page(ada, conversation, MessageHistory.Direction.BEFORE, null, 50, AttachmentLinks.NONE);
        assertThat(page.items()).extracting(MessageView::content).containsExactly("Hello, I ordered a kettle", null);
        var hits = new MessageSearch(database).search(ada, MessageSearchQuery.fromQuery(Map.of("q", "4111")));
        assertThat(hits.items()).isEmpty();
    }

    @Test
    void deletingEveryMessageLeavesNoPreviewAndDeletingTwiceChangesNothing() {
        deleter.delete(ada, first);
        assertThat(listed(BASE, Map.of()).path("lastMessagePreview").asText())
                .as("an older message deleted: the preview stays").contains("4111");
        deleter.delete(ada, last);
        deleter.delete(ada, last);
        assertThat(listed(BASE, Map.of()).path("lastMessagePreview").isNull()).isTrue();
        assertThat(detail().path("conversation").path("lastMessagePreview").isNull()).isTrue();
    }
}
