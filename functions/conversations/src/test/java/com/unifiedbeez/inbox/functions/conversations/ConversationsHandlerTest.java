package com.unifiedbeez.inbox.functions.conversations;

import static com.unifiedbeez.inbox.functions.conversations.HandlerHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Scenarios through the real handler and the real database: given rows, when a request, then rows and answer. */
class ConversationsHandlerTest {
    private static final String BASE = "/api/inbox/conversations";
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant t0 = Instant.parse("2026-11-01T09:00:00Z");

    private UUID org;
    private Caller ada;
    private Caller sam;
    private Caller lee;
    private UUID support;
    private UUID alice;
    private UUID bob;
    private UUID vip;
    private UUID urgent;

    @BeforeEach
    void givenAnOrganization() {
        org = fx.organization("Acme");
        ada = fx.user(org, "Ada Admin", Role.ADMIN);
        sam = fx.user(org, "Sam Agent", Role.AGENT);
        lee = fx.user(org, "Lee Agent", Role.AGENT);
        support = fx.team(org, "Support", sam);
        fx.channelConnection(org, "whatsapp");
        fx.channelConnection(org, "sms");
        alice = fx.contact(org, "Alice Liddell", "whatsapp", "447700900123");
        bob = fx.contact(org, "Bob Stone", "sms", "+15005550006");
        vip = fx.label(org, "VIP", "#FFD700");
        urgent = fx.label(org, "Urgent", "#FF0000");
    }

    private UUID conversation(UUID contact, String channel, ConversationSpec spec) {
        return fx.conversation(org, contact, channel, spec);
    }

    private Instant at(int minutes) {
        return t0.plus(minutes, ChronoUnit.MINUTES);
    }

    private static List<String> ids(HttpAnswer answer) {
        return StreamSupport.stream(answer.json().path("items").spliterator(), false)
                .map(item -> item.path("id").asText()).toList();
    }

    private static HttpEvents list(Caller who) {
        return request("GET", BASE).as(who);
    }

    @Nested
    class Views {
        private UUID mine;
        private UUID teams;
        private UUID others;
        private UUID open;

        @BeforeEach
        void givenConversationsAcrossViews() {
            mine = conversation(alice, "whatsapp", ConversationSpec.open(at(1)).assignedTo(sam.userId()).status("active"));
            teams = conversation(bob, "sms", ConversationSpec.open(at(2)).team(support).labels(vip));
            others = conversation(alice, "sms", ConversationSpec.open(at(3)).assignedTo(lee.userId()).status("resolved"));
            open = conversation(bob, "whatsapp", ConversationSpec.open(at(4)).labels(urgent, vip));
        }

        @Test
        void allIsTheWholeOrganizationNewestActivityFirst() {
            HttpAnswer answer = call(list(sam).query("view", "all"));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(ids(answer)).containsExactly(open.toString(), others.toString(), teams.toString(), mine.toString());
            assertThat(answer.json().path("nextCursor").isNull()).isTrue();
            assertThat(call(list(sam)).json()).isEqualTo(answer.json());
        }

        @Test
        void eachViewShowsItsOwnSlice() {
            assertThat(ids(call(list(sam).query("view", "mine")))).containsExactly(mine.toString());
            assertThat(ids(call(list(sam).query("view", "unassigned")))).containsExactly(open.toString(), teams.toString());
            assertThat(ids(call(list(sam).query("view", "team")))).containsExactly(teams.toString());
            assertThat(ids(call(list(lee).query("view", "team")))).isEmpty();
            assertThat(ids(call(list(lee).query("view", "team").query("teamId", support.toString()))))
                    .containsExactly(teams.toString());
            assertThat(ids(call(list(sam).query("view", "mentions")))).isEmpty();
        }

        @Test
        void aMentionInANotePutsTheConversationInTheMentionedAgentsView() {
            HttpAnswer note = call(request("POST", BASE + "/{id}/notes").path("id", others).as(ada)
                    .body("{\"content\":\"@Sam can you check the refund?\",\"mentions\":[\"" + sam.userId() + "\"]}"));
            assertThat(note.status()).isEqualTo(201);
            assertThat(note.json().path("mentions").get(0).path("name").asText()).isEqualTo("Sam Agent");
            assertThat(note.json().path("author").path("id").asText()).isEqualTo(ada.userId().toString());
            assertThat(ids(call(list(sam).query("view", "mentions")))).containsExactly(others.toString());
            assertThat(ids(call(list(lee).query("view", "mentions")))).isEmpty();
        }

        @Test
        void filtersNarrowAView() {
            assertThat(ids(call(list(sam).query("status", "new,active")))).containsExactly(open.toString(), teams.toString(), mine.toString());
            assertThat(ids(call(list(sam).query("channel", "sms")))).containsExactly(others.toString(), teams.toString());
            assertThat(ids(call(list(sam).query("labels", vip.toString())))).containsExactly(open.toString(), teams.toString());
            assertThat(ids(call(list(sam).query("labels", urgent + "," + vip).query("channel", "whatsapp"))))
                    .containsExactly(open.toString());
            assertThat(ids(call(list(sam).query("assignee", "me")))).containsExactly(mine.toString());
            assertThat(ids(call(list(sam).query("assignee", lee.userId().toString())))).containsExactly(others.toString());
            assertThat(ids(call(list(sam).query("assignee", "none")))).containsExactly(open.toString(), teams.toString());
        }

        @Test
        void itemsCarryContactAssigneeLabelsAndUnread() {
            fx.inboundMessage(org, open, "hello?", at(5));
            fx.inboundMessage(org, open, "anyone there?", at(6));
            JsonNode first = call(list(sam)).json().path("items").get(0);
            assertThat(first.path("id").asText()).isEqualTo(open.toString());
            assertThat(first.path("contact").path("name").asText()).isEqualTo("Bob Stone");
            assertThat(first.path("labels").findValuesAsText("name")).containsExactly("Urgent", "VIP");
            assertThat(first.path("labels").get(0).path("color").asText()).isEqualTo("#FF0000");
            assertThat(first.path("unreadCount").asInt()).isEqualTo(2);
            assertThat(first.path("lastMessagePreview").asText()).isEqualTo("anyone there?");
            assertThat(first.path("lastMessageAt").asText()).isEqualTo("2026-11-01T09:06:00Z");
            assertThat(first.path("channel").asText()).isEqualTo("whatsapp");
            assertThat(first.path("reply").path("open").asBoolean()).as("the customer wrote weeks ago").isFalse();
            assertThat(first.path("reply").path("requiresTemplate").asBoolean()).isTrue();
            JsonNode held = call(list(sam).query("view", "mine")).json().path("items").get(0);
            assertThat(held.path("assignee").path("user").path("name").asText()).isEqualTo("Sam Agent");
            assertThat(held.path("assignee").path("team").isNull()).isTrue();
        }

        @Test
        void badQueriesAre422AndNameTheField() {
            HttpAnswer answer = call(list(sam).query("view", "everything").query("status", "open").query("channel", "fax")
                    .query("assignee", "someone").query("labels", "x").query("limit", "500"));
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().path("errors").findValuesAsText("field"))
                    .contains("view", "status", "channel", "assignee", "labels");
            assertThat(call(list(sam).query("limit", "500")).json().path("errors").get(0).path("field").asText())
                    .isEqualTo("limit");
            assertThat(call(list(sam).query("view", "team").query("teamId", UUID.randomUUID().toString())).status())
                    .isEqualTo(422);
            assertThat(call(list(sam).query("cursor", "garbage")).status()).isEqualTo(422);
        }
    }

    @Test
    void pagesWalkTheWholeListOnceInOrder() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Two conversations share each timestamp: the id breaks the tie, so none is skipped or repeated.
            expected.add(0, conversation(alice, "email", ConversationSpec.open(at(i / 2)).status("closed")).toString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpEvents page = list(sam).query("limit", "10");
            if (cursor != null) {
                page.query("cursor", cursor);
            }
            HttpAnswer answer = call(page);
            assertThat(answer.status()).isEqualTo(200);
            seen.addAll(ids(answer));
            cursor = answer.json().path("nextCursor").isNull() ? null : answer.json().path("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        List<Instant> times = seen.stream().map(id -> Instant.parse(call(request("GET", BASE + "/{id}").path("id", id).as(sam))
                .json().path("conversation").path("lastMessageAt").asText())).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isBeforeOrEqualTo(times.get(i - 1));
        }
        assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(expected));
    }

    @Nested
    class Detail {
        @Test
        void opensWithContactIdentitiesLabelsAndMessagesInOrder() {
            UUID id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)).labels(vip));
            fx.inboundMessage(org, id, "first", at(1));
            fx.inboundMessage(org, id, "second", at(2));
            HttpAnswer answer = call(request("GET", BASE + "/{id}").path("id", id).as(sam));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("conversation").path("id").asText()).isEqualTo(id.toString());
            assertThat(answer.json().path("conversation").path("labels").findValuesAsText("name")).containsExactly("VIP");
            assertThat(answer.json().path("contact").path("name").asText()).isEqualTo("Alice Liddell");
            assertThat(answer.json().path("contact").path("identities").get(0).path("identifier").asText()).isEqualTo("447700900123");
            assertThat(answer.json().path("lastMessages").findValuesAsText("content")).containsExactly("first", "second");
            fx.inboundMessage(org, id, "third", Instant.now().minus(1, ChronoUnit.HOURS));
            JsonNode reply = call(request("GET", BASE + "/{id}").path("id", id).as(sam)).json().path("conversation").path("reply");
            assertThat(reply.path("open").asBoolean()).isTrue();
            assertThat(reply.path("requiresTemplate").asBoolean()).isFalse();
            assertThat(Instant.parse(reply.path("replyableUntil").asText()))
                    .isBetween(Instant.now().plus(22, ChronoUnit.HOURS), Instant.now().plus(24, ChronoUnit.HOURS));
        }

        @Test
        void unknownOrMalformedIdsAre404Problems() {
            HttpAnswer unknown = call(request("GET", BASE + "/{id}").path("id", UUID.randomUUID()).as(sam));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.contentType()).isEqualTo("application/problem+json");
            assertThat(unknown.problemType()).endsWith("/not-found");
            assertThat(call(request("GET", BASE + "/{id}").path("id", "not-an-id").as(sam)).status()).isEqualTo(404);
        }
    }

    @Nested
    class Create {
        @Test
        void startsAnActiveConversationHeldByItsCreatorWithTheMessageQueued() {
            // Alice wrote an hour ago in an earlier, resolved conversation: WhatsApp's window is open.
            UUID earlier = conversation(alice, "whatsapp", ConversationSpec.open(Instant.now()).status("resolved"));
            fx.exec("UPDATE conversations SET channel_connection_id = (SELECT id FROM channel_connections"
                    + " WHERE organization_id = ? AND channel = 'whatsapp') WHERE id = ?", org, earlier);
            fx.inboundMessage(org, earlier, "Where is my order?", Instant.now().minus(1, ChronoUnit.HOURS));
            HttpAnswer answer = call(request("POST", BASE).as(sam)
                    .body("{\"contactId\":\"" + alice + "\",\"channel\":\"whatsapp\",\"initialMessage\":\"Hi Alice, your order shipped\"}"));
            assertThat(answer.status()).isEqualTo(201);
            JsonNode conversation = answer.json().path("conversation");
            assertThat(conversation.path("status").asText()).isEqualTo("active");
            assertThat(conversation.path("channel").asText()).isEqualTo("whatsapp");
            assertThat(conversation.path("assignee").path("user").path("id").asText()).isEqualTo(sam.userId().toString());
            JsonNode message = answer.json().path("lastMessages").get(0);
            assertThat(message.path("status").asText()).isEqualTo("queued");
            assertThat(message.path("direction").asText()).isEqualTo("outbound");
            assertThat(ids(call(list(sam).query("view", "mine")))).containsExactly(conversation.path("id").asText());
            assertThat(fx.count("SELECT count(*) FROM messages WHERE conversation_id = ?::uuid AND status = 'queued'",
                    conversation.path("id").asText())).isEqualTo(1);
        }

        @Test
        void aSecondOpenConversationOnTheSameChannelIs409() {
            String body = "{\"contactId\":\"" + bob + "\",\"channel\":\"sms\"}";
            assertThat(call(request("POST", BASE).as(sam).body(body)).status()).isEqualTo(201);
            HttpAnswer again = call(request("POST", BASE).as(lee).body(body));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.problemType()).endsWith("/conversation-already-open");
            assertThat(fx.count("SELECT count(*) FROM conversations WHERE contact_id = ?", bob)).isEqualTo(1);
        }

        @Test
        void badRequestsChangeNothing() {
            String other = fx.contact(fx.organization("Globex"), "Eve", "whatsapp", "447700900999").toString();
            List<String[]> cases = List.of(
                    new String[] {"{\"contactId\":\"" + alice + "\",\"channel\":\"whatsapp\"", "400"},
                    new String[] {"[1,2]", "400"},
                    new String[] {"", "400"},
                    new String[] {"{\"contactId\":5,\"channel\":\"whatsapp\"}", "422"},
                    new String[] {"{\"contactId\":\"" + alice + "\",\"channel\":\"whatsapp\",\"extra\":1}", "422"},
                    new String[] {"{\"contactId\":\"" + alice + "\",\"channel\":\"fax\"}", "422"},
                    new String[] {"{\"channel\":\"whatsapp\"}", "422"},
                    new String[] {"{\"contactId\":\"" + UUID.randomUUID() + "\",\"channel\":\"whatsapp\"}", "422"},
                    new String[] {"{\"contactId\":\"" + other + "\",\"channel\":\"whatsapp\"}", "422"},
                    new String[] {"{\"contactId\":\"" + alice + "\",\"channel\":\"telegram\"}", "422"},
                    new String[] {"{\"contactId\":\"" + bob + "\",\"channel\":\"sms\",\"initialMessage\":\"   \"}", "422"});
            for (String[] c : cases) {
                HttpAnswer answer = call(request("POST", BASE).as(sam).body(c[0]));
                assertThat(answer.status()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
                assertThat(answer.contentType()).isEqualTo("application/problem+json");
                assertThat(answer.json().path("detail").asText()).isNotBlank();
            }
            assertThat(fx.count("SELECT count(*) FROM conversations WHERE organization_id = ?", org)).isZero();
        }
    }

    @Nested
    class Assign {
        private UUID id;

        @BeforeEach
        void given() {
            id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
        }

        private HttpAnswer assign(String body) {
            return call(request("PATCH", BASE + "/{id}/assign").path("id", id).as(ada).body(body));
        }

        @Test
        void toAnAgentThenATeamThenNobody() {
            HttpAnswer toSam = assign("{\"assigneeId\":\"" + sam.userId() + "\",\"assigneeType\":\"user\"}");
            assertThat(toSam.status()).isEqualTo(200);
            assertThat(toSam.json().path("assignee").path("user").path("name").asText()).isEqualTo("Sam Agent");
            HttpAnswer toTeam = assign("{\"assigneeId\":\"" + support + "\",\"assigneeType\":\"team\"}");
            assertThat(toTeam.json().path("assignee").path("team").path("name").asText()).isEqualTo("Support");
            assertThat(toTeam.json().path("assignee").path("user").path("id").asText())
                    .as("Sam is in Support, so he keeps it").isEqualTo(sam.userId().toString());
            assign("{\"assigneeId\":\"" + lee.userId() + "\",\"assigneeType\":\"user\"}");
            UUID sales = fx.team(org, "Sales", sam);
            HttpAnswer toSales = assign("{\"assigneeId\":\"" + sales + "\",\"assigneeType\":\"team\"}");
            assertThat(toSales.json().path("assignee").path("user").isNull()).as("Lee is not in Sales").isTrue();
            HttpAnswer nobody = assign("{\"assigneeId\":null,\"assigneeType\":\"team\"}");
            assertThat(nobody.json().path("assignee").path("team").isNull()).isTrue();
        }

        @Test
        void unknownAssigneesAndTypesAre422AndChangeNothing() {
            Caller stranger = fx.user(fx.organization("Globex"), "Gus", Role.AGENT);
            for (String body : List.of(
                    "{\"assigneeId\":\"" + stranger.userId() + "\",\"assigneeType\":\"user\"}",
                    "{\"assigneeId\":\"" + sam.userId() + "\",\"assigneeType\":\"team\"}",
                    "{\"assigneeId\":\"" + sam.userId() + "\",\"assigneeType\":\"robot\"}",
                    "{\"assigneeId\":\"" + sam.userId() + "\"}",
                    "{\"assigneeId\":\"nope\",\"assigneeType\":\"user\"}")) {
                assertThat(assign(body).status()).as(body).isEqualTo(422);
            }
            assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND assignee_user_id IS NULL", id)).isEqualTo(1);
        }
    }

    @Nested
    class Status {
        @Test
        void followsTheLifecycleAndRefusesIllegalMoves() {
            UUID id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
            HttpEvents patch = request("PATCH", BASE + "/{id}/status").path("id", id).as(sam);
            assertThat(call(patch.body("{\"status\":\"active\"}")).json().path("status").asText()).isEqualTo("active");
            assertThat(call(patch.body("{\"status\":\"closed\"}")).json().path("status").asText()).isEqualTo("closed");
            HttpAnswer illegal = call(patch.body("{\"status\":\"resolved\"}"));
            assertThat(illegal.status()).isEqualTo(409);
            assertThat(illegal.problemType()).endsWith("/invalid-status-transition");
            assertThat(call(patch.body("{\"status\":\"new\"}")).status()).isEqualTo(409);
            assertThat(call(patch.body("{\"status\":\"archived\"}")).status()).isEqualTo(422);
            assertThat(call(patch.body("{\"status\":7}")).status()).isEqualTo(422);
            assertThat(fx.count("SELECT count(*) FROM conversations WHERE id = ? AND status = 'closed' AND closed_at IS NOT NULL", id))
                    .isEqualTo(1);
            assertThat(call(patch.body("{\"status\":\"active\"}")).json().path("status").asText()).isEqualTo("active");

            call(patch.body("{\"status\":\"resolved\"}"));
            UUID newer = conversation(alice, "whatsapp", ConversationSpec.open(at(9)));
            HttpAnswer reopen = call(patch.body("{\"status\":\"active\"}"));
            assertThat(reopen.status()).as("Alice already has an open WhatsApp conversation").isEqualTo(409);
            assertThat(reopen.json().path("detail").asText()).contains(newer.toString());
        }
    }

    @Nested
    class Labels {
        @Test
        void addAgainChangesNothingAndRemoveIsIdempotent() {
            UUID id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
            HttpEvents add = request("POST", BASE + "/{id}/labels").path("id", id).as(sam)
                    .body("{\"labelIds\":[\"" + vip + "\",\"" + urgent + "\"]}");
            assertThat(call(add).json().path("labels").findValuesAsText("name")).containsExactly("Urgent", "VIP");
            assertThat(call(add).status()).isEqualTo(200);
            assertThat(fx.count("SELECT count(*) FROM conversation_labels WHERE conversation_id = ?", id)).isEqualTo(2);

            HttpEvents remove = request("DELETE", BASE + "/{id}/labels/{labelId}").path("id", id).path("labelId", vip).as(sam);
            assertThat(call(remove).status()).isEqualTo(204);
            assertThat(call(remove).status()).isEqualTo(204);
            assertThat(fx.count("SELECT count(*) FROM conversation_labels WHERE conversation_id = ?", id)).isEqualTo(1);
            assertThat(call(request("DELETE", BASE + "/{id}/labels/{labelId}").path("id", id)
                    .path("labelId", UUID.randomUUID()).as(sam)).status()).isEqualTo(404);
        }

        @Test
        void anUnknownLabelRejectsTheWholeRequest() {
            UUID id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
            UUID foreign = fx.label(fx.organization("Globex"), "VIP", "#000000");
            HttpAnswer answer = call(request("POST", BASE + "/{id}/labels").path("id", id).as(sam)
                    .body("{\"labelIds\":[\"" + vip + "\",\"" + foreign + "\"]}"));
            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.json().path("errors").get(0).path("message").asText()).contains(foreign.toString());
            assertThat(call(request("POST", BASE + "/{id}/labels").path("id", id).as(sam).body("{\"labelIds\":[]}")).status())
                    .isEqualTo(422);
            assertThat(fx.count("SELECT count(*) FROM conversation_labels WHERE conversation_id = ?", id)).isZero();
        }
    }

    @Test
    void notesNeedContentAndKnownMentions() {
        UUID id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
        HttpEvents note = request("POST", BASE + "/{id}/notes").path("id", id).as(sam);
        assertThat(call(note.body("{\"content\":\"  \"}")).status()).isEqualTo(422);
        assertThat(call(note.body("{\"content\":\"hi\",\"mentions\":[\"" + UUID.randomUUID() + "\"]}")).status()).isEqualTo(422);
        assertThat(fx.count("SELECT count(*) FROM notes WHERE conversation_id = ?", id)).isZero();
        HttpAnswer plain = call(note.body("{\"content\":\"Customer is on holiday until Monday\"}"));
        assertThat(plain.status()).isEqualTo(201);
        assertThat(plain.json().path("mentions").size()).isZero();
    }

    @Test
    void readingClearsUnreadForTheReaderOnly() {
        UUID id = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
        fx.inboundMessage(org, id, "one", at(1));
        fx.inboundMessage(org, id, "two", at(2));
        HttpAnswer read = call(request("PATCH", BASE + "/{id}/read").path("id", id).as(sam));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("unreadCount").asInt()).isZero();
        assertThat(call(list(sam)).json().path("items").get(0).path("unreadCount").asInt()).isZero();
        assertThat(call(list(lee)).json().path("items").get(0).path("unreadCount").asInt()).isEqualTo(2);
    }

    @Nested
    class Bulk {
        @Test
        void assignsAllOrNothing() {
            UUID a = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
            UUID b = conversation(bob, "sms", ConversationSpec.open(at(1)));
            String unknown = UUID.randomUUID().toString();
            HttpAnswer rejected = call(request("POST", BASE + "/bulk-assign").as(ada)
                    .body("{\"conversationIds\":[\"" + a + "\",\"" + unknown + "\"],\"assigneeId\":\"" + lee.userId() + "\"}"));
            assertThat(rejected.status()).isEqualTo(422);
            assertThat(rejected.json().path("errors").get(0).path("message").asText()).contains(unknown);
            assertThat(fx.count("SELECT count(*) FROM conversations WHERE organization_id = ? AND assignee_user_id IS NOT NULL", org)).isZero();

            HttpAnswer done = call(request("POST", BASE + "/bulk-assign").as(ada)
                    .body("{\"conversationIds\":[\"" + a + "\",\"" + b + "\",\"" + a + "\"],\"assigneeId\":\"" + lee.userId() + "\"}"));
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.json().path("updated").asInt()).isEqualTo(2);
            assertThat(ids(call(list(lee).query("view", "mine")))).containsExactlyInAnyOrder(a.toString(), b.toString());
        }

        @Test
        void labelsEveryConversationOnce() {
            UUID a = conversation(alice, "whatsapp", ConversationSpec.open(at(0)).labels(vip));
            UUID b = conversation(bob, "sms", ConversationSpec.open(at(1)));
            String body = "{\"conversationIds\":[\"" + a + "\",\"" + b + "\"],\"labelIds\":[\"" + vip + "\",\"" + urgent + "\"]}";
            HttpAnswer done = call(request("POST", BASE + "/bulk-label").as(sam).body(body));
            assertThat(done.status()).isEqualTo(200);
            assertThat(done.json().path("updated").asInt()).isEqualTo(2);
            assertThat(fx.count("SELECT count(*) FROM conversation_labels WHERE organization_id = ?", org)).isEqualTo(4);
            assertThat(call(request("POST", BASE + "/bulk-label").as(sam).body(body)).json().path("updated").asInt()).isZero();
            assertThat(call(request("POST", BASE + "/bulk-label").as(sam)
                    .body("{\"conversationIds\":[],\"labelIds\":[\"" + vip + "\"]}")).status()).isEqualTo(422);
        }
    }

    @Nested
    class Search {
        private UUID withAlice;
        private UUID withBob;

        @BeforeEach
        void given() {
            withAlice = conversation(alice, "whatsapp", ConversationSpec.open(at(0)));
            fx.inboundMessage(org, withAlice, "My parcel never arrived", at(1));
            withBob = conversation(bob, "sms", ConversationSpec.open(at(2)).status("resolved"));
            fx.inboundMessage(org, withBob, "I would like a refund for order 1234", at(3));
        }

        private List<String> search(String q, String... filters) {
            HttpEvents search = request("GET", BASE + "/search").as(sam).query("q", q);
            for (int i = 0; i < filters.length; i += 2) {
                search.query(filters[i], filters[i + 1]);
            }
            HttpAnswer answer = call(search);
            assertThat(answer.status()).isEqualTo(200);
            return ids(answer);
        }

        @Test
        void findsByContactNamePrefixIdentityAndStemmedMessageText() {
            assertThat(search("ali")).containsExactly(withAlice.toString());
            assertThat(search("Liddell")).containsExactly(withAlice.toString());
            assertThat(search("4477009")).containsExactly(withAlice.toString());
            assertThat(search("+4477009")).containsExactly(withAlice.toString());
            assertThat(search("+1500555")).as("SMS identities keep their +").containsExactly(withBob.toString());
            assertThat(search("refunds")).containsExactly(withBob.toString());
            assertThat(search("parcel arrive")).containsExactly(withAlice.toString());
            assertThat(search("\"never arrived\"")).containsExactly(withAlice.toString());
            assertThat(search("spaceship")).isEmpty();
        }

        @Test
        void combinesWithFiltersAndStaysInTheOrganization() {
            assertThat(search("refund", "status", "resolved")).containsExactly(withBob.toString());
            assertThat(search("refund", "status", "new")).isEmpty();
            assertThat(search("ali", "channel", "sms")).isEmpty();
            UUID globex = fx.organization("Globex");
            UUID eve = fx.contact(globex, "Alicia Keys", "whatsapp", "447700900777");
            UUID theirs = fx.conversation(globex, eve, "whatsapp", ConversationSpec.open(at(9)));
            fx.inboundMessage(globex, theirs, "refund please", at(9));
            assertThat(search("ali")).containsExactly(withAlice.toString());
            assertThat(search("refund")).containsExactly(withBob.toString());
            HttpAnswer missing = call(request("GET", BASE + "/search").as(sam));
            assertThat(missing.status()).isEqualTo(422);
            assertThat(missing.json().path("errors").get(0).path("field").asText()).isEqualTo("q");
        }
    }

    @Test
    void requestsWithoutVerifiedClaimsAre401() {
        HttpAnswer anonymous = call(request("GET", BASE));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
        var event = request("GET", BASE).as(sam).build();
        event.getRequestContext().getAuthorizer().getJwt().setClaims(java.util.Map.of(
                "sub", sam.userId().toString(), "org_id", "not-an-id", "role", "agent"));
        assertThat(call(event).status()).isEqualTo(401);
        // the role claim grants nothing: the database's role counts (see CallerMembershipTest)
        event.getRequestContext().getAuthorizer().getJwt().setClaims(java.util.Map.of(
                "sub", sam.userId().toString(), "org_id", org.toString(), "role", "superuser"));
        assertThat(call(event).status()).isEqualTo(200);
    }

    @Test
    void everyRouteIsCoveredByTheTenantIsolationTest() {
        Set<String> covered = TenantIsolationTest.COVERED;
        assertThat(covered).containsExactlyInAnyOrderElementsOf(ConversationsHandler.ROUTES.keys());
    }
}
