package com.unifiedbeez.inbox.functions.team;

import static com.unifiedbeez.inbox.functions.team.TeamHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Claims at the same instant, through the handler, each on a connection of its own: twenty agents
 * claiming one conversation (exactly one wins, every other one hears who did), and a claim racing
 * an automatic decision (the queue drained when an agent gets room) for the same conversation.
 */
class ConcurrentClaimTest {
    private static final int CLAIMANTS = 20;

    @Test
    void oneClaimWinsAndEveryOtherIs409NamingTheWinner() throws Exception {
        TeamScenario s = new TeamScenario();
        Map<UUID, String> names = new LinkedHashMap<>();
        List<HttpEvents> claims = new ArrayList<>();
        UUID conversation = s.conversation();
        for (int i = 0; i < CLAIMANTS; i++) {
            Caller agent = s.member("Agent " + i, "online");
            names.put(agent.userId(), "Agent " + i);
            claims.add(request("POST", "/api/inbox/claim").body("{\"conversationId\": \"" + conversation + "\"}").as(agent));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLAIMANTS);
        List<HttpAnswer> answers = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(CLAIMANTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpAnswer>> pending = claims.stream().map(claim -> pool.submit(() -> {
                ready.countDown();
                go.await();
                return call(claim);
            })).toList();
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<HttpAnswer> answer : pending) {
                answers.add(answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        UUID holder = s.assignee(conversation);
        assertThat(holder).isNotNull();
        assertThat(answers).filteredOn(a -> a.status() == 200).singleElement().satisfies(won ->
                assertThat(won.json().at("/decision/toUserId").asText()).isEqualTo(holder.toString()));
        assertThat(answers).filteredOn(a -> a.status() != 200).hasSize(CLAIMANTS - 1).allSatisfy(lost -> {
            assertThat(lost.status()).isEqualTo(409);
            assertThat(lost.problemType()).endsWith("/already-assigned");
            assertThat(lost.json().at("/assignedTo/id").asText()).isEqualTo(holder.toString());
            assertThat(lost.json().at("/assignedTo/name").asText()).isEqualTo(names.get(holder));
        });
        assertThat(s.history(conversation)).containsExactly("claim:assigned");
        assertThat(s.fx.count("SELECT count(*) FROM assignment_decisions WHERE conversation_id = ? AND to_user_id = ?",
                conversation, holder)).isEqualTo(1);
    }

    /**
     * Sam claims a queued conversation while the team's queue is drained to Lee. The interleaving is
     * forced: the test holds the conversation's row lock until the claim waits for it and the drain
     * has read the queue and waits to write, then lets go. Whichever decides first, the other must
     * see it: a claim answered 200 leaves the conversation with the claimant, decided once.
     */
    @Test
    void aClaimAndADrainOfTheSameConversationDoNotBothWin() throws Exception {
        TeamScenario s = new TeamScenario().routing(TeamScenario.enabled("round_robin", 5));
        Caller sam = s.member("Sam", "busy"); // busy: takes work by hand, gets none automatically
        Caller lee = s.member("Lee", "offline");
        UUID conversation = s.conversation();
        TeamRoutesTest.ok(TeamRoutesTest.post("/auto-assign", sam, TeamRoutesTest.body("conversationId", conversation)));
        assertThat(s.queued(conversation)).isTrue();
        s.presence(lee, "online"); // written without the presence reaction: the drain below is the one that takes it

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection holder = TestDatabase.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT 1 FROM conversations WHERE id = '" + conversation + "' FOR UPDATE");
            }
            int waitingBefore = waitingForLocks();
            Future<HttpAnswer> claim = pool.submit(() -> TeamRoutesTest.post("/claim", sam,
                    TeamRoutesTest.body("conversationId", conversation)));
            awaitWaitingForLocks(waitingBefore + 1);
            Future<HttpAnswer> drain = pool.submit(() -> call(request("PATCH", "/api/inbox/team/{teamId}/members/{userId}")
                    .path("teamId", s.team).path("userId", lee.userId()).body("{\"maxConversations\": 5}").as(s.admin)));
            awaitWaitingForLocks(waitingBefore + 2);
            holder.rollback();

            HttpAnswer claimed = claim.get(30, TimeUnit.SECONDS);
            assertThat(drain.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            if (claimed.status() == 200) {
                assertThat(s.assignee(conversation)).as("the claimant holds what they were told they hold")
                        .isEqualTo(sam.userId());
                assertThat(s.history(conversation)).containsExactly("auto_assign:queued", "claim:assigned");
            } else {
                assertThat(claimed.status()).isEqualTo(409);
                assertThat(claimed.json().at("/assignedTo/id").asText()).isEqualTo(lee.userId().toString());
                assertThat(s.history(conversation)).containsExactly("auto_assign:queued", "drain:assigned");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Backends of this database waiting for a lock (a row lock or the organization's assignment lock). */
    private static int waitingForLocks() throws Exception {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                     + " AND wait_event_type = 'Lock'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void awaitWaitingForLocks(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (waitingForLocks() < count) {
            assertThat(Instant.now()).as("%d requests waiting for a lock", count).isBefore(deadline);
            Thread.onSpinWait();
        }
    }
}
