package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.event.EventStream;
import com.unifiedbeez.inbox.event.SequencedEvent;
import com.unifiedbeez.inbox.local.sandbox.Sandbox;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.seed.DemoUser;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.realtime.ConnectionPusher;
import com.unifiedbeez.inbox.realtime.ConnectionRegistry;
import com.unifiedbeez.inbox.realtime.Frames;
import com.unifiedbeez.inbox.realtime.RealtimeSweep;
import com.unifiedbeez.inbox.testing.RealtimeContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Realtime end to end on the local runtime with the real template: real WebSocket clients on the
 * local WebSocket API, the realtime functions on dynalite and PostgreSQL, the fan-out fed through
 * the realtime queue on ElasticMQ. Two agents of the demo organization (Acme) and one of another
 * (Globex). Every frame a client receives is held to {@code asyncapi.yaml}.
 */
class RealtimeLocalTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Duration QUIET = Duration.ofMillis(1500);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static LocalInbox inbox;
    static String secret;
    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        secret = "realtime-local-test-secret-of-32-bytes!";
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withJwtSecret(secret).withCallbackDelayMs(20));
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(Client::close);
    }

    /** A WebSocket client that keeps every frame it received, each checked against the contract. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final List<JsonNode> all = new ArrayList<>();
        /** Frames that broke the contract (a listener's exception would be lost): checked by every wait. */
        final List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
            partial.append(text);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                List<String> problems = RealtimeContract.get().problemsOfEvent(frame);
                if (!problems.isEmpty()) {
                    violations.add(problems + " in " + frame);
                }
                try {
                    frames.add(JSON.readTree(frame));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            webSocket.request(1);
            return null;
        }

        /** The next frame that matches, skipping (and keeping) others; fails after {@link #WAIT}. */
        JsonNode await(Predicate<JsonNode> wanted, String what) throws InterruptedException {
            assertThat(violations).as("frames that break asyncapi.yaml").isEmpty();
            for (JsonNode seen : all) {
                if (wanted.test(seen) && !seen.has("_taken")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) seen).put("_taken", true);
                    return seen;
                }
            }
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                JsonNode next = frames.poll(50, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                all.add(next);
                if (wanted.test(next)) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) next).put("_taken", true);
                    return next;
                }
            }
            throw new AssertionError("no " + what + " within " + WAIT + "; got " + all);
        }

        JsonNode await(String event) throws InterruptedException {
            return await(f -> f.path("event").asText().equals(event), event);
        }

        /** Every frame received until nothing came for {@link #QUIET}. */
        List<JsonNode> drain() throws InterruptedException {
            JsonNode next;
            while ((next = frames.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                all.add(next);
            }
            assertThat(violations).as("frames that break asyncapi.yaml").isEmpty();
            return all;
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        void close() {
            if (socket != null && !socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
            }
        }
    }

    private Client connect(DemoUser user) throws Exception {
        Client client = new Client();
        client.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(inbox.webSocket().orElseThrow().url()
                + "/?token=" + token(user)), client).get(10, TimeUnit.SECONDS);
        clients.add(client);
        // the connection is registered once $connect returned; a ping proves it (the answer comes after)
        client.send("{\"action\":\"ping\"}");
        client.await("pong");
        return client;
    }

    private static String token(DemoUser user) {
        return DevTokens.mint(secret, user);
    }

    private static HttpResponse<String> api(String method, String path, DemoUser as, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(inbox.baseUrl() + path))
                .header("Authorization", "Bearer " + token(as)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void customerWrites(String from, String text) throws Exception {
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + Sandbox.PREFIX
                + "/whatsapp/inbound")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"from\":\"" + from + "\",\"name\":\"Realtime Customer\","
                        + "\"text\":\"" + text + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    }

    private static String newCustomer() {
        return "4477009" + (10000 + (int) (Math.random() * 89999));
    }

    /** A new customer's conversation, as both Acme clients learnt it. */
    private String newConversation(Client... watching) throws Exception {
        String from = newCustomer();
        customerWrites(from, "Hello from " + from);
        String conversationId = null;
        for (Client c : watching) {
            JsonNode created = c.await(f -> f.path("event").asText().equals("conversation:new")
                    && f.path("data").path("contact").path("phone").asText().endsWith(from), "conversation:new of " + from);
            conversationId = created.path("data").path("conversation").path("id").asText();
        }
        return conversationId;
    }

    @Test
    void aCustomersMessageReachesEveryAgentOfTheOrganizationAndNoOneElse() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Client priya = connect(DemoSeed.PRIYA);
        Client grace = connect(DemoSeed.GRACE);
        String from = newCustomer();

        customerWrites(from, "Where is my order?");

        for (Client acme : List.of(sam, priya)) {
            JsonNode created = acme.await(f -> f.path("event").asText().equals("conversation:new")
                    && f.path("data").path("contact").path("phone").asText().endsWith(from), "conversation:new");
            String conversation = created.path("data").path("conversation").path("id").asText();
            JsonNode received = acme.await(f -> f.path("event").asText().equals("message:received")
                    && f.path("data").path("conversationId").asText().equals(conversation), "message:received");
            assertThat(received.path("data").path("message").path("content").asText()).isEqualTo("Where is my order?");
            assertThat(received.path("seq").asLong()).isEqualTo(created.path("seq").asLong() + 1);
        }
        assertThat(grace.drain()).extracting(f -> f.path("event").asText()).doesNotContain("conversation:new",
                "message:received");
    }

    @Test
    void everyAgentActionAnnouncesItselfInSeqOrderWithoutGapsAndNeverToAnotherOrganization() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Client priya = connect(DemoSeed.PRIYA);
        Client grace = connect(DemoSeed.GRACE);
        String conversation = newConversation(sam, priya);
        String base = "/api/inbox/conversations/" + conversation;

        assertThat(api("PATCH", base + "/assign", DemoSeed.ADA,
                "{\"assigneeId\":\"" + DemoSeed.SAM.id() + "\",\"assigneeType\":\"user\"}").statusCode()).isEqualTo(200);
        // the Support team assigns arrivals automatically: the hand assignment to Sam is the one awaited
        sam.await(f -> f.path("event").asText().equals("conversation:assigned") && f.path("data").path("assignedTo")
                .path("userId").asText().equals(DemoSeed.SAM.id().toString()), "conversation:assigned to Sam");

        HttpResponse<String> labelled = api("POST", base + "/labels", DemoSeed.SAM, "{\"labelIds\":[\""
                + labelOf(DemoSeed.ADA) + "\"]}");
        assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);
        sam.await("label:applied");

        HttpResponse<String> note = api("POST", base + "/notes", DemoSeed.SAM,
                "{\"content\":\"@Priya can you check the courier?\",\"mentions\":[\"" + DemoSeed.PRIYA.id() + "\"]}");
        assertThat(note.statusCode()).as(note.body()).isEqualTo(201);
        JsonNode noted = priya.await("note:added");
        assertThat(noted.path("data").path("mentionedUsers").get(0).asText()).isEqualTo(DemoSeed.PRIYA.id().toString());

        HttpResponse<String> resolved = api("PATCH", base + "/status", DemoSeed.SAM, "{\"status\":\"resolved\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(sam.await("conversation:status").path("data").path("status").asText()).isEqualTo("resolved");

        // a reply reopens it, is sent by the WhatsApp stand-in, and its receipts follow
        HttpResponse<String> reply = api("POST", "/api/inbox/messages/send", DemoSeed.SAM,
                "{\"conversationId\":\"" + conversation + "\",\"content\":\"It ships tomorrow.\"}");
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        String messageId = JSON.readTree(reply.body()).path("id").asText();
        assertThat(priya.await(f -> f.path("event").asText().equals("conversation:status")
                && f.path("data").path("status").asText().equals("active"), "reopened").path("data")
                .path("conversationId").asText()).isEqualTo(conversation);
        JsonNode sent = priya.await("message:sent");
        assertThat(sent.path("data").path("message").path("id").asText()).isEqualTo(messageId);
        priya.await(f -> f.path("event").asText().equals("message:status")
                && f.path("data").path("messageId").asText().equals(messageId)
                && f.path("data").path("status").asText().equals("delivered"), "delivered");

        List<String> seen = new ArrayList<>();
        for (Client c : List.of(sam, priya)) {
            List<Long> seqs = c.drain().stream().filter(f -> f.has("seq")).map(f -> f.path("seq").asLong()).toList();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("seq after %s in %s", seqs.get(i - 1), seqs).isEqualTo(seqs.get(i - 1) + 1);
            }
            c.all.stream().filter(f -> f.has("seq")).forEach(f -> seen.add(f.path("event").asText()));
        }
        assertThat(seen).contains("conversation:new", "message:received", "conversation:assigned", "label:applied",
                "note:added", "conversation:status", "message:sent", "message:status");
        // Globex: not one of these frames on its socket, not one in its replay
        assertThat(grace.drain()).noneMatch(f -> f.has("seq"));
        JsonNode replay = JSON.readTree(api("GET", "/api/inbox/events?since=0&limit=500", DemoSeed.GRACE, null).body());
        assertThat(replay.toString()).doesNotContain(conversation, messageId, DemoSeed.SAM.id().toString());
    }

    private static String teamOf(DemoUser user) throws Exception {
        try (var c = inbox.database().dataSource().getConnection();
             var s = c.prepareStatement("SELECT team_id FROM team_members WHERE user_id = ? LIMIT 1")) {
            s.setObject(1, user.id());
            var rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    private static String labelOf(DemoUser admin) throws Exception {
        try (var c = inbox.database().dataSource().getConnection();
             var s = c.prepareStatement("SELECT id FROM labels WHERE organization_id = ? LIMIT 1")) {
            s.setObject(1, admin.organizationId());
            var rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aSettingsChangeIsPushedToTheUsersItAffectsOnly() throws Exception {
        Client sam = connect(DemoSeed.SAM); // Support only
        Client priya = connect(DemoSeed.PRIYA); // Support and Sales
        Client lee = connect(DemoSeed.LEE); // Sales only
        Client grace = connect(DemoSeed.GRACE); // another organization

        HttpResponse<String> team = api("PUT", "/api/inbox/settings/team/" + DemoSeed.SALES_TEAM, DemoSeed.ADA,
                "{\"preferences\": {\"language\": \"es\"}}");
        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);
        HttpResponse<String> own = api("PUT", "/api/inbox/settings", DemoSeed.SAM,
                "{\"preferences\": {\"compactList\": true}}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);

        for (Client member : List.of(priya, lee)) {
            JsonNode updated = member.await("settings:updated");
            assertThat(updated.path("data").path("scope").asText()).isEqualTo("team");
            assertThat(updated.path("data").path("scopeId").asText()).isEqualTo(DemoSeed.SALES_TEAM.toString());
            assertThat(updated.path("data").path("keys")).extracting(JsonNode::asText).containsExactly("preferences");
        }
        JsonNode samsOwn = sam.await("settings:updated");
        assertThat(samsOwn.path("data").path("scope").asText()).isEqualTo("user");
        for (Client other : List.of(priya, lee, grace)) {
            assertThat(other.drain()).filteredOn(f -> f.path("event").asText().equals("settings:updated")
                    && !f.has("_taken")).isEmpty();
        }
        assertThat(sam.drain()).filteredOn(f -> f.path("event").asText().equals("settings:updated")
                && !f.has("_taken")).isEmpty();
        // Tidy for the other tests: the demo's levels as they were.
        api("POST", "/api/inbox/settings/reset", DemoSeed.ADA, "{\"scope\": \"team\", \"scopeId\": \""
                + DemoSeed.SALES_TEAM + "\"}");
        api("POST", "/api/inbox/settings/reset", DemoSeed.SAM, "{\"scope\": \"user\"}");
    }

    @Test
    void typingReachesTheOtherViewerOnlyAndViewersSeeEachOther() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Client priya = connect(DemoSeed.PRIYA);
        Client lee = connect(DemoSeed.LEE);
        String conversation = newConversation(sam, priya);

        sam.send("{\"action\":\"conversation:viewing\",\"conversationId\":\"" + conversation + "\"}");
        sam.await("conversation:viewers");
        priya.send("{\"action\":\"conversation:viewing\",\"conversationId\":\"" + conversation + "\"}");
        JsonNode both = sam.await(f -> f.path("event").asText().equals("conversation:viewers")
                && f.path("data").path("viewers").size() == 2, "two viewers");
        assertThat(both.path("data").path("conversationId").asText()).isEqualTo(conversation);

        sam.send("{\"action\":\"typing:start\",\"conversationId\":\"" + conversation + "\"}");
        JsonNode typing = priya.await("typing:indicator");
        assertThat(typing.path("data").path("userId").asText()).isEqualTo(DemoSeed.SAM.id().toString());
        assertThat(typing.path("data").path("isTyping").asBoolean()).isTrue();

        HttpResponse<String> viewers = api("GET", "/api/inbox/conversations/" + conversation + "/viewers", DemoSeed.LEE, null);
        assertThat(JSON.readTree(viewers.body()).path("viewers")).extracting(v -> v.path("userId").asText() + "/"
                + v.path("isTyping").asBoolean()).containsExactlyInAnyOrder(DemoSeed.SAM.id() + "/true",
                DemoSeed.PRIYA.id() + "/false");

        assertThat(sam.drain()).extracting(f -> f.path("event").asText()).doesNotContain("typing:indicator");
        // Lee does not view it: neither typing nor viewers reach him
        assertThat(lee.drain()).extracting(f -> f.path("event").asText())
                .doesNotContain("typing:indicator", "conversation:viewers");
    }

    @Test
    void aClientThatMissedEventsCatchesUpWithSinceAndSeesNoGap() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Client priya = connect(DemoSeed.PRIYA);
        String conversation = newConversation(sam, priya);
        long last = priya.drain().stream().filter(f -> f.has("seq")).mapToLong(f -> f.path("seq").asLong()).max()
                .orElseThrow();
        String epoch = priya.all.stream().filter(f -> f.has("epoch")).findFirst().orElseThrow().path("epoch").asText();
        priya.close();

        api("PATCH", "/api/inbox/conversations/" + conversation + "/status", DemoSeed.SAM, "{\"status\":\"resolved\"}");
        api("PATCH", "/api/inbox/conversations/" + conversation + "/status", DemoSeed.SAM, "{\"status\":\"closed\"}");
        sam.await(f -> f.path("data").path("status").asText().equals("closed"), "closed");

        HttpResponse<String> missed = api("GET", "/api/inbox/events?since=" + last + "&epoch=" + epoch, DemoSeed.PRIYA, null);
        assertThat(missed.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(missed.body());
        List<Long> seqs = new ArrayList<>();
        page.path("items").forEach(i -> seqs.add(i.path("seq").asLong()));
        // a replayed event is the frame that was pushed
        page.path("items").forEach(i -> RealtimeContract.get().checkEvent(i.toString()));
        assertThat(seqs).isNotEmpty();
        for (int i = 0; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(last + 1 + i);
        }
        assertThat(page.path("items")).extracting(i -> i.path("event").asText() + ":" + i.path("data").path("status").asText())
                .contains("conversation:status:resolved", "conversation:status:closed");
        // a position from a log that was truncated since: reload
        assertThat(api("GET", "/api/inbox/events?since=" + last + "&epoch=" + UUID.randomUUID(), DemoSeed.PRIYA, null)
                .statusCode()).isEqualTo(410);
    }

    @Test
    void badFramesAreAnsweredToTheSenderOnlyAndChangeNothing() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Client priya = connect(DemoSeed.PRIYA);
        Client grace = connect(DemoSeed.GRACE);
        String globexConversation = newConversationOf(grace);

        sam.send("this is not json");
        assertThat(sam.await("error").path("data").path("type").asText()).isEqualTo("malformed-frame");
        sam.send("{\"action\":\"dance\"}");
        assertThat(sam.await("error").path("data").path("type").asText()).isEqualTo("unknown-action");
        sam.send("{\"action\":\"conversation:viewing\",\"conversationId\":\"" + globexConversation + "\"}");
        assertThat(sam.await("error").path("data").path("type").asText()).isEqualTo("not-found");
        sam.send("{\"action\":\"typing:start\",\"conversationId\":\"" + globexConversation + "\"}");
        assertThat(sam.await("error").path("data").path("type").asText()).isEqualTo("not-found");
        sam.send("{\"action\":\"presence:set\",\"status\":\"asleep\"}");
        assertThat(sam.await("error").path("data").path("type").asText()).isEqualTo("validation-failed");

        assertThat(priya.drain()).extracting(f -> f.path("event").asText()).doesNotContain("error", "typing:indicator");
        assertThat(grace.drain()).extracting(f -> f.path("event").asText())
                .doesNotContain("error", "typing:indicator", "conversation:viewers");
        HttpResponse<String> viewers = api("GET", "/api/inbox/conversations/" + globexConversation + "/viewers",
                DemoSeed.GRACE, null);
        assertThat(JSON.readTree(viewers.body()).path("viewers")).isEmpty();
    }

    @Test
    void aConnectionViewsAtMostFiftyConversationsAtOnce() throws Exception {
        Client lee = connect(DemoSeed.LEE);
        List<String> ids = new ArrayList<>();
        try (var c = inbox.database().dataSource().getConnection();
             var s = c.prepareStatement("SELECT id FROM conversations WHERE organization_id = ? ORDER BY id LIMIT 51")) {
            s.setObject(1, DemoSeed.LEE.organizationId());
            var rows = s.executeQuery();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        for (String id : ids.subList(0, 50)) {
            lee.send("{\"action\":\"conversation:viewing\",\"conversationId\":\"" + id + "\"}");
            lee.await(f -> f.path("event").asText().equals("conversation:viewers")
                    && f.path("data").path("conversationId").asText().equals(id), "viewers of " + id);
        }
        lee.send("{\"action\":\"conversation:viewing\",\"conversationId\":\"" + ids.get(50) + "\"}");
        assertThat(lee.await("error").path("data").path("type").asText()).isEqualTo("validation-failed");
        // leaving one makes room
        lee.send("{\"action\":\"conversation:leaving\",\"conversationId\":\"" + ids.get(0) + "\"}");
        lee.send("{\"action\":\"conversation:viewing\",\"conversationId\":\"" + ids.get(50) + "\"}");
        lee.await(f -> f.path("event").asText().equals("conversation:viewers")
                && f.path("data").path("conversationId").asText().equals(ids.get(50)), "viewers of the 51st");
    }

    private static String newConversationOf(Client grace) throws Exception {
        try (var c = inbox.database().dataSource().getConnection();
             var s = c.prepareStatement("SELECT id FROM conversations WHERE organization_id = ? LIMIT 1")) {
            s.setObject(1, DemoSeed.GRACE.organizationId());
            var rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void aForgedExpiredOrMissingTokenIsRefusedWith401AtTheHandshake() {
        String url = inbox.webSocket().orElseThrow().url();
        String forged = DevTokens.mint("another-secret-that-is-32-bytes-long!", DemoSeed.SAM);
        for (String query : List.of("?token=" + forged, "", "?token=", "?token=not.a.jwt")) {
            assertThatThrownBy(() -> HTTP.newWebSocketBuilder().buildAsync(URI.create(url + "/" + query),
                    new Client()).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void presenceIsAnnouncedToTheOrganizationAndAGoneConnectionIsCleanedUp() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Client lee = connect(DemoSeed.LEE);
        lee.send("{\"action\":\"presence:set\",\"status\":\"busy\"}");
        sam.await(f -> f.path("event").asText().equals("presence:update")
                && f.path("data").path("userId").asText().equals(DemoSeed.LEE.id().toString())
                && f.path("data").path("status").asText().equals("busy"), "Lee busy");
        assertThat(api("GET", "/api/inbox/team/" + teamOf(DemoSeed.LEE) + "/presence", DemoSeed.SAM, null).body())
                .contains("\"status\":\"busy\"");
        lee.send("{\"action\":\"presence:set\",\"status\":\"online\"}");
        sam.await(f -> f.path("event").asText().equals("presence:update")
                && f.path("data").path("status").asText().equals("online"), "Lee online");

        // a connection whose socket vanished without $disconnect (best effort in AWS)
        ConnectionRegistry registry = realtime().registry();
        String vanished = "vanished" + UUID.randomUUID().toString().substring(0, 8) + "=";
        registry.register(vanished, DemoSeed.SAM.organizationId(), DemoSeed.SAM.id(), Instant.now().minusSeconds(60));
        newConversation(sam);
        long end = System.nanoTime() + WAIT.toNanos();
        while (registry.find(vanished, Instant.now()).isPresent() && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(registry.find(vanished, Instant.now())).isEmpty();
    }

    @Test
    void aFanoutThatDiedBetweenPostingAndRecordingLosesNothing() throws Exception {
        Client sam = connect(DemoSeed.SAM);
        Realtime realtime = realtime();
        EventStream stream = new EventStream(new Database(inbox.database().dataSource()));
        UUID acme = DemoSeed.SAM.organizationId();
        // the dying pass: it holds the stream's lease, so the nudged fan-out leaves the new events to it
        // (a fan-out of the events before, e.g. an arrival's automatic assignment, may hold it a moment)
        var claim = stream.claimPush(acme, Duration.ofSeconds(2));
        for (long until = System.nanoTime() + WAIT.toNanos(); claim.isEmpty() && System.nanoTime() < until; ) {
            Thread.sleep(20);
            claim = stream.claimPush(acme, Duration.ofSeconds(2));
        }
        assertThat(claim).isPresent();
        String conversation = newConversation(); // nobody is told: the pass that holds the lease never pushes
        Optional<SequencedEvent> written = Optional.empty();
        long end = System.nanoTime() + WAIT.toNanos();
        while (written.isEmpty() && System.nanoTime() < end) {
            var position = stream.sequence(acme);
            written = stream.range(acme, claim.get().through(), position.lastSeq(), 10).stream()
                    .filter(e -> conversation.equals(String.valueOf(e.conversationId())))
                    .findFirst();
        }
        assertThat(written).isPresent();
        // it posts to Sam's connection ... and dies before recording what it pushed
        String samConnection = realtime.registry().ofUser(acme, DemoSeed.SAM.id(), Instant.now()).get(0).connectionId();
        realtime.pusher().push(List.of(ConnectionPusher.Post.of(samConnection, Frames.logged(written.get()))));
        long seq = written.get().seq();
        sam.await(f -> f.path("seq").asLong() == seq, "the dying pass's post");

        Thread.sleep(2_100); // its lease lapses
        RealtimeSweep.Swept swept = realtime.sweep().sweep();

        assertThat(swept).isNotNull();
        sam.await(f -> f.path("seq").asLong() == seq, "the same event again, from the sweep");
        assertThat(stream.position(acme).orElseThrow().pushedSeq()).isGreaterThanOrEqualTo(seq);
    }

    private String newConversation() throws Exception {
        String from = newCustomer();
        customerWrites(from, "Hello from " + from);
        try (var c = inbox.database().dataSource().getConnection();
             var s = c.prepareStatement("""
                     SELECT cv.id FROM conversations cv JOIN contacts ct ON ct.id = cv.contact_id
                      WHERE ct.phone LIKE ?""")) {
            s.setString(1, "%" + from);
            long end = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < end) {
                var rows = s.executeQuery();
                if (rows.next()) {
                    return rows.getString(1);
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no conversation for " + from);
    }

    /** The realtime services, built as the functions build them, on the runtime's configuration. */
    record Realtime(ConnectionRegistry registry, ConnectionPusher pusher, RealtimeSweep sweep) {
    }

    private static Realtime realtime() {
        var component = com.unifiedbeez.inbox.functions.realtime.DaggerRealtimeComponent.factory()
                .create(Config.fromEnvironment());
        return new Realtime(component.registry(), component.pusher(), component.sweep());
    }
}
