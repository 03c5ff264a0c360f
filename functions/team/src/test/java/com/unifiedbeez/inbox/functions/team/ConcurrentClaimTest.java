package com.unifiedbeez.inbox.functions.team;

import static com.unifiedbeez.inbox.functions.team.TeamHarness.call;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import com.unifiedbeez.inbox.testing.HttpEvents;
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
 * Twenty agents claim one conversation at the same instant, each through the handler on a
 * connection of its own: the conversation's row lock lets exactly one win, and every other one
 * hears who did.
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
}
