package com.unifiedbeez.inbox.functions.realtime;

import static com.unifiedbeez.inbox.functions.realtime.RealtimeHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testing.TestEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** GET /api/inbox/events: what a reconnecting client missed, in seq order, or 410 when it cannot be told. */
class EventsRouteTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Database database = new Database(TestDatabase.dataSource());
    private final DomainEvents events = TestEvents.written(database);
    private final UUID org = fx.organization("Replay " + UUID.randomUUID());
    private final Caller agent = fx.user(org, "Sam", Role.AGENT);

    private void write(int n) {
        for (int i = 0; i < n; i++) {
            int k = i;
            database.transaction(c -> {
                events.emit(c, org, null, DomainEvents.MESSAGE_STATUS, Map.of("messageId", UUID.randomUUID(),
                        "status", "delivered", "k", k));
                return null;
            });
        }
    }

    private static List<Long> seqs(HttpAnswer answer) {
        return StreamSupport.stream(answer.json().path("items").spliterator(), false)
                .map(e -> e.path("seq").asLong()).toList();
    }

    @Test
    void returnsWhatCameAfterSinceInSeqOrderPageByPage() {
        write(5);
        HttpAnswer first = call(request("GET", "/api/inbox/events").query("since", "0").query("limit", "3").as(agent));
        assertThat(first.status()).isEqualTo(200);
        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.json().path("hasMore").asBoolean()).isTrue();
        assertThat(first.json().path("nextSince").asLong()).isEqualTo(3);
        String epoch = first.json().path("epoch").asText();

        HttpAnswer rest = call(request("GET", "/api/inbox/events").query("since", "3").query("epoch", epoch).as(agent));
        assertThat(seqs(rest)).containsExactly(4L, 5L);
        assertThat(rest.json().path("hasMore").asBoolean()).isFalse();
        JsonNode item = rest.json().path("items").get(0);
        assertThat(item.path("event").asText()).isEqualTo("message:status");
        assertThat(item.path("epoch").asText()).isEqualTo(epoch);
        assertThat(item.path("data").path("status").asText()).isEqualTo("delivered");

        HttpAnswer upToDate = call(request("GET", "/api/inbox/events").query("since", "5").as(agent));
        assertThat(seqs(upToDate)).isEmpty();
    }

    @Test
    void aPositionTheLogCannotContinueIs410NotRecovered() {
        write(3);
        EventStream stream = new EventStream(database);
        String epoch = stream.sequence(org).epoch().toString();

        HttpAnswer future = call(request("GET", "/api/inbox/events").query("since", "9").as(agent));
        HttpAnswer otherEpoch = call(request("GET", "/api/inbox/events").query("since", "1")
                .query("epoch", UUID.randomUUID().toString()).as(agent));
        stream.restart(org);
        HttpAnswer truncated = call(request("GET", "/api/inbox/events").query("since", "2").query("epoch", epoch).as(agent));

        for (HttpAnswer gone : List.of(future, otherEpoch, truncated)) {
            assertThat(gone.status()).isEqualTo(410);
            assertThat(gone.problemType()).endsWith("/events-not-recoverable");
            assertThat(gone.json().path("recovered").isBoolean()).isTrue();
            assertThat(gone.json().path("recovered").asBoolean()).isFalse();
            assertThat(gone.json().has("lastSeq")).isTrue();
        }
    }

    @Test
    void beyondRetentionIs410() {
        write(3);
        EventStream stream = new EventStream(database);
        stream.claimPush(org, java.time.Duration.ofSeconds(30));
        stream.recordPushed(org, 3, java.time.Duration.ofSeconds(30));
        stream.trim(java.time.Instant.now().plusSeconds(1), 100_000);

        HttpAnswer gone = call(request("GET", "/api/inbox/events").query("since", "1").as(agent));
        HttpAnswer fromTheEnd = call(request("GET", "/api/inbox/events").query("since", "3").as(agent));

        assertThat(gone.status()).isEqualTo(410);
        assertThat(fromTheEnd.status()).isEqualTo(200);
    }

    @Test
    void badParametersAre422AndChangeNothing() {
        List<HttpAnswer> answers = new ArrayList<>();
        answers.add(call(request("GET", "/api/inbox/events").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "-1").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "abc").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "0").query("limit", "501").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "0").query("limit", "0").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "0").query("epoch", "x").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "99999999999999999999").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "+5").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "\u0661\u0662").as(agent)));
        answers.add(call(request("GET", "/api/inbox/events").query("since", "").as(agent)));
        assertThat(answers).extracting(HttpAnswer::status).containsOnly(422);
    }

    @Test
    void anotherOrganizationsEventsAreNeverReturned() {
        write(2);
        UUID other = fx.organization("Other " + UUID.randomUUID());
        Caller stranger = fx.user(other, "Gus", Role.ADMIN);

        HttpAnswer theirs = call(request("GET", "/api/inbox/events").query("since", "0").as(stranger));

        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.json().path("items")).isEmpty();
        assertThat(theirs.json().path("lastSeq").asLong()).isZero();
    }

    @Test
    void anEventForSomeUsersOnlyIsSkippedForTheOthersWhoStillMovePastIt() {
        Caller other = fx.user(org, "Kim", Role.AGENT);
        database.transaction(c -> {
            events.emitTo(c, org, null, DomainEvents.MESSAGE_STATUS, Map.of("messageId", UUID.randomUUID(),
                    "status", "sent"), List.of(other.userId()));
            return null;
        });
        write(1);

        HttpAnswer mine = call(request("GET", "/api/inbox/events").query("since", "0").as(agent));
        HttpAnswer theirs = call(request("GET", "/api/inbox/events").query("since", "0").as(other));

        assertThat(seqs(mine)).containsExactly(2L);
        assertThat(mine.json().path("nextSince").asLong()).isEqualTo(2);
        assertThat(seqs(theirs)).containsExactly(1L, 2L);
    }
}
