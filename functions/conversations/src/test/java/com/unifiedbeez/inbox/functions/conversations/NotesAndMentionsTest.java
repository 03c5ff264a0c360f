package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Private notes and @mentions through the real handler and database: given rows, when a request, then rows and answer. */
class NotesAndMentionsTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();

    private UUID org;
    private Caller ada;
    private Caller sam;
    private Caller lee;
    private UUID conversation;
    private UUID other;

    @BeforeEach
    void givenAnOrganization() {
        org = fx.organization("Acme");
        ada = fx.user(org, "Ada Admin", Role.ADMIN);
        sam = fx.user(org, "Sam Agent", Role.AGENT);
        lee = fx.user(org, "Lee Agent", Role.AGENT);
        fx.channelConnection(org, "whatsapp");
        UUID alice = fx.contact(org, "Alice", "whatsapp", "4477009" + UUID.randomUUID().toString().substring(0, 5));
        UUID bob = fx.contact(org, "Bob", "whatsapp", "4477008" + UUID.randomUUID().toString().substring(0, 5));
        conversation = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(Instant.parse("2026-11-01T09:00:00Z")));
        other = fx.conversation(org, bob, "whatsapp", ConversationSpec.open(Instant.parse("2026-11-01T08:00:00Z")));
    }

    /** POST /notes as {@code author}; the note's id. */
    private UUID note(Caller author, UUID on, String content, Caller... mentioned) {
        HttpAnswer answer = call(postNote(author, on, content, mentioned));
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(201);
        return UUID.fromString(answer.json().path("id").asText());
    }

    private static HttpEvents postNote(Caller author, UUID on, String content, Caller... mentioned) {
        String mentions = Arrays.stream(mentioned).map(m -> "\"" + m.userId() + "\"").collect(Collectors.joining(","));
        return request("POST", "/api/inbox/notes").as(author)
                .body("{\"conversationId\":\"" + on + "\",\"content\":\"" + content + "\",\"mentions\":[" + mentions + "]}");
    }

    private static HttpEvents deleteNote(Caller who, UUID note) {
        return request("DELETE", "/api/inbox/notes/{id}").path("id", note).as(who);
    }

    private static HttpEvents notesOf(Caller who, UUID on) {
        return request("GET", BASE + "/{id}/notes").path("id", on).as(who);
    }

    private static HttpEvents mentionsOf(Caller who) {
        return request("GET", "/api/inbox/mentions").as(who);
    }

    private static HttpEvents markRead(Caller who, UUID note) {
        return request("PATCH", "/api/inbox/mentions/{noteId}/read").path("noteId", note).as(who);
    }

    private static List<JsonNode> items(HttpAnswer answer) {
        assertThat(answer.status()).as(String.valueOf(answer.json())).isEqualTo(200);
        return StreamSupport.stream(answer.json().path("items").spliterator(), false).toList();
    }

    private static List<String> field(HttpAnswer answer, String name) {
        return items(answer).stream().map(item -> item.path(name).asText()).toList();
    }

    private List<String> mentionsView(Caller who) {
        return field(call(request("GET", BASE).as(who).query("view", "mentions")), "id");
    }

    /** The payloads of this organization's events of one name, oldest first. */
    private List<JsonNode> events(String name) {
        List<JsonNode> payloads = new ArrayList<>();
        long n = fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = ?", org, name);
        for (int i = 0; i < n; i++) {
            String json = fx.one("SELECT payload::text FROM domain_events WHERE organization_id = ? AND name = ?"
                    + " ORDER BY created_at, id OFFSET ? LIMIT 1", org, name, i);
            try {
                payloads.add(Json.mapper().readTree(json));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return payloads;
    }

    @Nested
    class Adding {
        @Test
        void aNoteByBodyIsStoredWithItsMentionsAndTellsTheMentionedAgentsAtOnce() {
            HttpAnswer answer = call(postNote(ada, conversation, "Sam, Lee: refund approved", sam, lee));
            assertThat(answer.status()).isEqualTo(201);
            JsonNode note = answer.json();
            assertThat(note.path("conversationId").asText()).isEqualTo(conversation.toString());
            assertThat(note.path("author").path("name").asText()).isEqualTo("Ada Admin");
            assertThat(note.path("content").asText()).isEqualTo("Sam, Lee: refund approved");
            assertThat(StreamSupport.stream(note.path("mentions").spliterator(), false).map(m -> m.path("name").asText()))
                    .containsExactly("Lee Agent", "Sam Agent");
            UUID id = UUID.fromString(note.path("id").asText());
            assertThat(fx.count("SELECT count(*) FROM notes WHERE id = ? AND conversation_id = ? AND author_id = ?",
                    id, conversation, ada.userId())).isEqualTo(1);
            assertThat(fx.count("SELECT count(*) FROM note_mentions WHERE note_id = ? AND read_at IS NULL", id)).isEqualTo(2);
            // note:added, to the whole organization, names whom it mentions: that is how they are told
            // in real time, and what the notification mailer emails them from
            assertThat(events("note:added")).singleElement().satisfies(e -> {
                assertThat(e.path("note").path("id").asText()).isEqualTo(id.toString());
                assertThat(StreamSupport.stream(e.path("mentionedUsers").spliterator(), false).map(JsonNode::asText))
                        .containsExactlyInAnyOrder(sam.userId().toString(), lee.userId().toString());
            });
            assertThat(fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'note:added'"
                    + " AND audience IS NULL", org)).isEqualTo(1);
            assertThat(mentionsView(sam)).containsExactly(conversation.toString());
        }

        @Test
        void bothRoutesWriteTheSameNote() {
            HttpAnswer byPath = call(request("POST", BASE + "/{id}/notes").path("id", conversation).as(sam)
                    .body("{\"content\":\"same\",\"mentions\":[\"" + lee.userId() + "\"]}"));
            HttpAnswer byBody = call(postNote(sam, conversation, "same", lee));
            for (String member : List.of("conversationId", "author", "content", "mentions")) {
                assertThat(byBody.json().path(member)).as(member).isEqualTo(byPath.json().path(member));
            }
            assertThat(field(call(mentionsOf(lee)), "noteId"))
                    .containsExactly(byBody.json().path("id").asText(), byPath.json().path("id").asText());
        }
    }

    @Nested
    class Listing {
        @Test
        void aConversationsNotesOldestFirstWithAuthorsAndMentionsAndNotAnotherConversations() {
            UUID first = note(sam, conversation, "first", lee);
            UUID second = note(ada, conversation, "second");
            note(ada, other, "elsewhere");
            UUID third = note(lee, conversation, "third", sam, ada);
            List<JsonNode> notes = items(call(notesOf(lee, conversation)));
            assertThat(notes).extracting(n -> n.path("id").asText())
                    .containsExactly(first.toString(), second.toString(), third.toString());
            assertThat(notes.get(0).path("author").path("name").asText()).isEqualTo("Sam Agent");
            assertThat(notes.get(0).path("mentions").get(0).path("id").asText()).isEqualTo(lee.userId().toString());
            assertThat(notes.get(1).path("mentions").size()).isZero();
            assertThat(StreamSupport.stream(notes.get(2).path("mentions").spliterator(), false).map(m -> m.path("name").asText()))
                    .containsExactly("Ada Admin", "Sam Agent");
        }

        @Test
        void pagesWalkEveryNoteOnceInOrder() {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(note(sam, conversation, "note " + i).toString());
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                HttpEvents page = notesOf(sam, conversation).query("limit", "2");
                if (cursor != null) {
                    page.query("cursor", cursor);
                }
                HttpAnswer answer = call(page);
                seen.addAll(field(answer, "id"));
                cursor = answer.json().path("nextCursor").isNull() ? null : answer.json().path("nextCursor").asText();
            } while (cursor != null);
            assertThat(seen).isEqualTo(written);
        }

        @Test
        void anUnknownConversationIs404() {
            HttpAnswer answer = call(notesOf(sam, UUID.randomUUID()));
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
        }
    }

    @Nested
    class Deleting {
        @Test
        void theAuthorDeletesTheirNoteAndItsMentionsGoWithIt() {
            UUID kept = note(ada, conversation, "kept");
            UUID gone = note(sam, conversation, "gone", lee);
            assertThat(mentionsView(lee)).containsExactly(conversation.toString());
            HttpAnswer answer = call(deleteNote(sam, gone));
            assertThat(answer.status()).isEqualTo(204);
            assertThat(fx.count("SELECT count(*) FROM notes WHERE id = ? AND deleted_at IS NOT NULL", gone)).isEqualTo(1);
            assertThat(field(call(notesOf(sam, conversation)), "id")).containsExactly(kept.toString());
            assertThat(field(call(mentionsOf(lee)), "noteId")).isEmpty();
            assertThat(mentionsView(lee)).as("a deleted note's mention no longer counts").isEmpty();
            assertThat(events("note:deleted")).singleElement().satisfies(e -> {
                assertThat(e.path("conversationId").asText()).isEqualTo(conversation.toString());
                assertThat(e.path("noteId").asText()).isEqualTo(gone.toString());
            });
            assertThat(fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'note:deleted'"
                    + " AND conversation_id = ? AND audience IS NULL", org, conversation)).isEqualTo(1);
        }

        @Test
        void deletingTwiceIs404AndAnnouncedOnce() {
            UUID id = note(sam, conversation, "once");
            assertThat(call(deleteNote(sam, id)).status()).isEqualTo(204);
            HttpAnswer again = call(deleteNote(sam, id));
            assertThat(again.status()).isEqualTo(404);
            assertThat(again.problemType()).endsWith("/not-found");
            assertThat(events("note:deleted")).hasSize(1);
        }

        @Test
        void anotherAgentIsRefusedAndNothingChanges() {
            UUID id = note(sam, conversation, "Sam's own", lee);
            DatabaseSnapshot before = DatabaseSnapshot.of(org);
            HttpAnswer answer = call(deleteNote(lee, id));
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.problemType()).endsWith("/forbidden");
            assertThat(DatabaseSnapshot.of(org)).isEqualTo(before);
            assertThat(field(call(notesOf(lee, conversation)), "id")).containsExactly(id.toString());
        }

        @Test
        void anAdminDeletesAnyNoteOfTheOrganization() {
            UUID id = note(sam, conversation, "Sam's own");
            assertThat(call(deleteNote(ada, id)).status()).isEqualTo(204);
            assertThat(fx.count("SELECT count(*) FROM notes WHERE id = ? AND deleted_at IS NOT NULL", id)).isEqualTo(1);
        }
    }

    @Nested
    class Mentions {
        @Test
        void theCallersMentionsNewestFirstWithNoteAuthorAndReadState() {
            UUID older = note(ada, conversation, "older", sam);
            note(ada, conversation, "not Sam's", lee);
            UUID newer = note(lee, other, "newer", sam, ada);
            List<JsonNode> mentions = items(call(mentionsOf(sam)));
            assertThat(mentions).extracting(m -> m.path("noteId").asText()).containsExactly(newer.toString(), older.toString());
            JsonNode first = mentions.get(0);
            assertThat(first.path("conversationId").asText()).isEqualTo(other.toString());
            assertThat(first.path("author").path("name").asText()).isEqualTo("Lee Agent");
            assertThat(first.path("content").asText()).isEqualTo("newer");
            assertThat(first.path("createdAt").asText()).isNotBlank();
            assertThat(first.path("readAt").isNull()).isTrue();
        }

        @Test
        void unreadOnlyLeavesOutWhatWasRead() {
            UUID read = note(ada, conversation, "read", sam);
            UUID unread = note(ada, other, "unread", sam);
            assertThat(call(markRead(sam, read)).status()).isEqualTo(200);
            assertThat(field(call(mentionsOf(sam).query("unreadOnly", "true")), "noteId")).containsExactly(unread.toString());
            assertThat(field(call(mentionsOf(sam).query("unreadOnly", "false")), "noteId"))
                    .containsExactly(unread.toString(), read.toString());
            assertThat(field(call(mentionsOf(sam)), "noteId")).hasSize(2);
        }

        @Test
        void pagesWalkEveryMentionOnceNewestFirst() {
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                written.add(0, note(ada, i % 2 == 0 ? conversation : other, "m" + i, sam).toString());
            }
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                HttpEvents page = mentionsOf(sam).query("limit", "2");
                if (cursor != null) {
                    page.query("cursor", cursor);
                }
                HttpAnswer answer = call(page);
                seen.addAll(field(answer, "noteId"));
                cursor = answer.json().path("nextCursor").isNull() ? null : answer.json().path("nextCursor").asText();
            } while (cursor != null);
            assertThat(seen).isEqualTo(written);
        }

        @Test
        void markingReadIsIdempotentAndTheCallersOwn() {
            UUID id = note(ada, conversation, "both", sam, lee);
            HttpAnswer first = call(markRead(sam, id));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().path("noteId").asText()).isEqualTo(id.toString());
            String readAt = first.json().path("readAt").asText();
            assertThat(Instant.parse(readAt)).isNotNull();
            HttpAnswer again = call(markRead(sam, id));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().path("readAt").asText()).as("the first reading's time stays").isEqualTo(readAt);
            assertThat(fx.count("SELECT count(*) FROM note_mentions WHERE note_id = ? AND user_id = ? AND read_at IS NULL",
                    id, lee.userId())).as("Lee's mention is his to read").isEqualTo(1);
        }

        @Test
        void aNoteThatDoesNotMentionTheCallerOrIsDeletedIs404() {
            UUID notMine = note(ada, conversation, "for Lee", lee);
            DatabaseSnapshot before = DatabaseSnapshot.of(org);
            assertThat(call(markRead(sam, notMine)).status()).isEqualTo(404);
            assertThat(call(markRead(sam, UUID.randomUUID())).status()).isEqualTo(404);
            assertThat(DatabaseSnapshot.of(org)).isEqualTo(before);
            call(deleteNote(ada, notMine));
            HttpAnswer deleted = call(markRead(lee, notMine));
            assertThat(deleted.status()).isEqualTo(404);
            assertThat(fx.count("SELECT count(*) FROM note_mentions WHERE note_id = ? AND read_at IS NULL", notMine)).isEqualTo(1);
        }

        @Test
        void readAllMarksEveryUnreadMentionOfTheCallerOnly() {
            UUID a = note(ada, conversation, "a", sam, lee);
            note(ada, other, "b", sam);
            note(ada, other, "c", sam);
            call(markRead(sam, a));
            UUID deleted = note(ada, other, "deleted", sam);
            call(deleteNote(ada, deleted));
            HttpAnswer answer = call(request("POST", "/api/inbox/mentions/read-all").as(sam));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("markedRead").asInt()).isEqualTo(2);
            assertThat(field(call(mentionsOf(sam).query("unreadOnly", "true")), "noteId")).isEmpty();
            assertThat(field(call(mentionsOf(lee).query("unreadOnly", "true")), "noteId")).containsExactly(a.toString());
            assertThat(call(request("POST", "/api/inbox/mentions/read-all").as(sam)).json().path("markedRead").asInt()).isZero();
        }
    }
}
