package com.unifiedbeez.inbox.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.label.ApplyLabelsRequest;
import com.unifiedbeez.inbox.label.ConversationLabeler;
import com.unifiedbeez.inbox.note.AddNoteRequest;
import com.unifiedbeez.inbox.note.ConversationNotes;
import com.unifiedbeez.inbox.note.NoteStore;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.RealtimeContract;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An agent's change of a conversation announces itself in the same transaction as the change
 * (the outbox the realtime layer reads), with the spec's realtime payloads; a change that changes
 * nothing announces nothing.
 */
class AgentActionEventsTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private final ConversationStore store = new ConversationStore(events);

    private final UUID org = fx.organization("Events " + UUID.randomUUID());
    private final Caller ada = fx.user(org, "Ada", Role.ADMIN);
    private final Caller sam = fx.user(org, "Sam", Role.AGENT);
    private final UUID conversation = fx.conversation(org, fx.contact(org, "Kim", "whatsapp", "+447700900123"),
            "whatsapp", ConversationSpec.open(Instant.parse("2026-03-01T10:00:00Z")));

    private List<JsonNode> events(String name) {
        return database.read(c -> Sql.list(c, "SELECT payload::text FROM domain_events"
                        + " WHERE organization_id = ? AND conversation_id = ? AND name = ? ORDER BY id",
                r -> json(r.getString(1)), org, conversation, name));
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReplyThatReopensAResolvedConversationAnnouncesItAndOneToAnActiveConversationDoesNot() {
        new ConversationStatusChanger(database, store, AssignmentWiring.of(database, events).availability()).change(sam, conversation, new ChangeStatusRequest("resolved"));
        Instant at = Instant.parse("2026-03-01T11:00:00Z");

        database.transaction(c -> {
            store.recordReply(c, org, conversation, at, "Back to you");
            store.recordReply(c, org, conversation, at.plusSeconds(5), "And again");
            return null;
        });

        assertThat(events(DomainEvents.CONVERSATION_STATUS)).extracting(e -> e.path("status").asText())
                .containsExactly("resolved", "active");
    }

    @Test
    void aContactsNameLearntLaterIsAnnouncedOnceWithWhatChanged() {
        com.unifiedbeez.inbox.contact.ContactStore contacts = new com.unifiedbeez.inbox.contact.ContactStore(events);
        UUID nameless = fx.contact(org, null, "telegram", "tg-" + UUID.randomUUID());
        String identifier = fx.one("SELECT identifier FROM contact_identities WHERE contact_id = ?", nameless);

        database.transaction(c -> {
            contacts.fillName(c, org, nameless, Channel.TELEGRAM, identifier, "Kim Lee");
            contacts.fillName(c, org, nameless, Channel.TELEGRAM, identifier, "Someone Else");
            return null;
        });

        List<JsonNode> updated = database.read(c -> Sql.list(c, "SELECT payload::text FROM domain_events"
                + " WHERE organization_id = ? AND name = ?", r -> json(r.getString(1)), org, DomainEvents.CONTACT_UPDATED));
        assertThat(updated).singleElement().satisfies(e -> {
            assertThat(e.path("contactId").asText()).isEqualTo(nameless.toString());
            assertThat(e.path("updates").path("name").asText()).isEqualTo("Kim Lee");
        });
    }

    @Test
    void aStatusChangeIsAnnounced() {
        new ConversationStatusChanger(database, store, AssignmentWiring.of(database, events).availability()).change(sam, conversation, new ChangeStatusRequest("resolved"));

        assertThat(events(DomainEvents.CONVERSATION_STATUS)).singleElement().satisfies(e -> {
            assertThat(e.path("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(e.path("status").asText()).isEqualTo("resolved");
        });
    }

    @Test
    void anAssignmentAnnouncesWhoHoldsTheConversationNow() {
        ConversationAssigner assigner = AssignmentWiring.of(database, events).conversationAssigner();
        UUID team = fx.team(org, "Support", sam);

        assigner.assign(ada, conversation, new AssignRequest(sam.userId().toString(), "user"));
        assigner.assign(ada, conversation, new AssignRequest(team.toString(), "team"));
        assigner.assign(ada, conversation, new AssignRequest(null, null));

        // agent / team after each call: the agent, then the agent's team added, then the agent taken off
        assertThat(events(DomainEvents.CONVERSATION_ASSIGNED))
                .map(e -> e.path("assignedTo").path("userId").asText() + "/" + e.path("assignedTo").path("teamId").asText())
                .containsExactly(sam.userId() + "/null", sam.userId() + "/" + team, "null/" + team);
    }

    @Test
    void anAssignmentSaysWhoAssignedAndWhoHeldTheConversationBefore() {
        ConversationAssigner assigner = AssignmentWiring.of(database, events).conversationAssigner();
        UUID team = fx.team(org, "Support", sam);

        assigner.assign(ada, conversation, new AssignRequest(sam.userId().toString(), "user"));
        assigner.assign(sam, conversation, new AssignRequest(team.toString(), "team"));
        assigner.bulkAssign(ada, new BulkAssignRequest(List.of(conversation.toString()), ada.userId().toString(), "user"));

        List<JsonNode> assigned = events(DomainEvents.CONVERSATION_ASSIGNED);
        assertThat(assigned).extracting(e -> e.path("assignedBy").asText())
                .containsExactly(ada.userId().toString(), sam.userId().toString(), ada.userId().toString());
        // before each call: nobody, then Sam, then Sam with the team (the agent changes in the first and the last only)
        assertThat(assigned).extracting(e -> e.path("previouslyAssignedTo").path("userId").asText() + "/"
                        + e.path("previouslyAssignedTo").path("teamId").asText())
                .containsExactly("null/null", sam.userId() + "/null", sam.userId() + "/" + team);
        for (JsonNode data : assigned) {
            RealtimeContract.get().checkEvent(Json.write(Map.of("event", DomainEvents.CONVERSATION_ASSIGNED, "seq", 1,
                    "epoch", UUID.randomUUID(), "occurredAt", "2026-03-01T10:00:00Z", "data", data)));
        }
    }

    @Test
    void onlyALabelTheConversationDidNotCarryIsAnnounced() {
        UUID vip = fx.label(org, "VIP", "#ff0000");
        ConversationLabeler labeler = new ConversationLabeler(database, store);

        labeler.apply(sam, conversation, new ApplyLabelsRequest(List.of(vip.toString())));
        labeler.apply(sam, conversation, new ApplyLabelsRequest(List.of(vip.toString())));

        assertThat(events(DomainEvents.LABEL_APPLIED)).singleElement().satisfies(e -> {
            assertThat(e.path("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(e.path("label").path("id").asText()).isEqualTo(vip.toString());
            assertThat(e.path("label").path("name").asText()).isEqualTo("VIP");
            assertThat(e.path("label").path("color").asText()).isEqualTo("#ff0000");
        });
    }

    @Test
    void aNoteIsAnnouncedWithTheAgentsItMentions() {
        var note = new ConversationNotes(database, store, new NoteStore(events))
                .add(ada, conversation, new AddNoteRequest("Sam, can you call them?", List.of(sam.userId().toString())));

        assertThat(events(DomainEvents.NOTE_ADDED)).singleElement().satisfies(e -> {
            assertThat(e.path("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(e.path("note").path("id").asText()).isEqualTo(note.id().toString());
            assertThat(e.path("note").path("content").asText()).isEqualTo("Sam, can you call them?");
            assertThat(e.path("mentionedUsers")).singleElement()
                    .satisfies(u -> assertThat(u.asText()).isEqualTo(sam.userId().toString()));
        });
    }
}
