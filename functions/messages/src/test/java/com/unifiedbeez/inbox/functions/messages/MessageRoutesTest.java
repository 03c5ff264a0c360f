package com.unifiedbeez.inbox.functions.messages;

import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.call;
import static com.unifiedbeez.inbox.functions.messages.MessagesHarness.drainQueue;
import static com.unifiedbeez.inbox.testing.HttpEvents.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.Fixtures.ConversationSpec;
import com.unifiedbeez.inbox.testing.HttpAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads, history, search, status, reactions, deletion and template sends, on the real parts. */
class MessageRoutesTest {
    private static final String BASE = "/api/inbox/messages";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private UUID org;
    private Caller sam;
    private Caller lee;
    private Caller ada;
    private UUID whatsapp;

    @BeforeEach
    void given() {
        org = fx.organization("Acme");
        sam = fx.user(org, "Sam", Role.AGENT);
        lee = fx.user(org, "Lee", Role.AGENT);
        ada = fx.user(org, "Ada", Role.ADMIN);
        fx.channelConnection(org, "whatsapp");
        UUID alice = fx.contact(org, "Alice", "whatsapp", "4477009" + UUID.randomUUID().toString().substring(0, 5));
        whatsapp = fx.conversation(org, alice, "whatsapp", ConversationSpec.open(now.minus(1, ChronoUnit.HOURS)));
        fx.inboundMessage(org, whatsapp, "Hi, my parcel never arrived", now.minus(30, ChronoUnit.MINUTES));
        drainQueue();
    }

    private static List<String> field(JsonNode items, String path) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.at(path).asText()).toList();
    }

    private String sendText(String text) {
        HttpAnswer answer = call(request("POST", BASE + "/send").as(sam)
                .body("{\"conversationId\":\"" + whatsapp + "\",\"content\":\"" + text + "\"}"));
        assertThat(answer.status()).isEqualTo(202);
        return answer.json().path("id").asText();
    }

    @Test
    void anImageGoesUpThroughAPresignedPutIsVerifiedAndSent() throws Exception {
        byte[] jpeg = new byte[2048];
        jpeg[0] = (byte) 0xFF; // a JPEG's start-of-image marker and APP0 segment: complete checks the real type
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;
        jpeg[3] = (byte) 0xE0;
        HttpAnswer ticket = call(request("POST", BASE + "/upload").as(sam).body("{\"conversationId\":\"" + whatsapp
                + "\",\"fileName\":\"receipt photo.jpg\",\"contentType\":\"image/jpeg\",\"size\":" + jpeg.length + "}"));
        assertThat(ticket.status()).isEqualTo(201);
        String attachmentId = ticket.json().path("attachment").path("id").asText();
        assertThat(ticket.json().path("attachment").path("status").asText()).isEqualTo("pending");
        String url = ticket.json().path("upload").path("url").asText();
        assertThat(ticket.json().path("upload").path("method").asText()).isEqualTo("PUT");

        HttpAnswer early = call(request("POST", BASE + "/upload/{attachmentId}/complete").path("attachmentId", attachmentId).as(sam));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.problemType()).endsWith("/upload-missing");
        HttpAnswer unsent = call(request("POST", BASE + "/send").as(sam)
                .body("{\"conversationId\":\"" + whatsapp + "\",\"attachments\":[\"" + attachmentId + "\"]}"));
        assertThat(unsent.status()).as("an unverified file cannot be sent").isEqualTo(422);

        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        HttpAnswer done = call(request("POST", BASE + "/upload/{attachmentId}/complete").path("attachmentId", attachmentId).as(sam));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("status").asText()).isEqualTo("uploaded");
        assertThat(done.json().path("sizeBytes").asLong()).isEqualTo(jpeg.length);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(done.json().path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(jpeg);

        HttpAnswer sent = call(request("POST", BASE + "/send").as(sam)
                .body("{\"conversationId\":\"" + whatsapp + "\",\"content\":\"Here is your receipt\",\"attachments\":[\"" + attachmentId + "\"]}"));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().path("type").asText()).isEqualTo("image");
        assertThat(sent.json().path("attachments").get(0).path("id").asText()).isEqualTo(attachmentId);
        HttpAnswer again = call(request("POST", BASE + "/send").as(sam)
                .body("{\"conversationId\":\"" + whatsapp + "\",\"attachments\":[\"" + attachmentId + "\"]}"));
        assertThat(again.status()).as("an attachment goes out once").isEqualTo(422);

        JsonNode history = call(request("GET", BASE + "/{conversationId}").path("conversationId", whatsapp).as(sam)).json();
        JsonNode last = history.path("items").get(history.path("items").size() - 1);
        assertThat(last.path("attachments").get(0).path("url").asText()).startsWith("http");
    }

    @Test
    void uploadsAreCheckedAgainstTheChannelAndTheDeclaredFile() throws Exception {
        fx.channelConnection(org, "sms");
        UUID bob = fx.contact(org, "Bob", "sms", "+1500555" + UUID.randomUUID().toString().substring(0, 4));
        UUID sms = fx.conversation(org, bob, "sms", ConversationSpec.open(now));
        HttpAnswer noMedia = call(request("POST", BASE + "/upload").as(sam)
                .body("{\"conversationId\":\"" + sms + "\",\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}"));
        assertThat(noMedia.status()).isEqualTo(422);
        assertThat(noMedia.json().path("errors").get(0).path("rule").asText()).isEqualTo("sms-no-media");
        HttpAnswer tooBig = call(request("POST", BASE + "/upload").as(sam).body("{\"conversationId\":\"" + whatsapp
                + "\",\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":" + (6L * 1024 * 1024) + "}"));
        assertThat(tooBig.status()).isEqualTo(422);
        assertThat(tooBig.json().path("errors").get(0).path("rule").asText()).isEqualTo("media-too-large");
        assertThat(fx.count("SELECT count(*) FROM attachments WHERE organization_id = ?", org)).isZero();

        HttpAnswer ticket = call(request("POST", BASE + "/upload").as(sam).body("{\"conversationId\":\"" + whatsapp
                + "\",\"fileName\":\"a.png\",\"contentType\":\"image/png\",\"size\":10}"));
        String attachmentId = ticket.json().path("attachment").path("id").asText();
        HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(ticket.json().path("upload").path("url").asText()))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[12])).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpAnswer complete = call(request("POST", BASE + "/upload/{attachmentId}/complete").path("attachmentId", attachmentId).as(sam));
        assertThat(complete.status()).as("PUT answered " + wrong.statusCode()).isIn(409, 422);
        assertThat(fx.count("SELECT count(*) FROM attachments WHERE id = ?::uuid AND status = 'pending'", attachmentId)).isEqualTo(1);
    }

    @Test
    void historyFollowsThePlatformsTimestampsAndPagesBothWays() {
        List<String> expected = new ArrayList<>();
        UUID conversation = fx.conversation(org, fx.contact(org, "Carol", "whatsapp", "44" + UUID.randomUUID()), "whatsapp",
                ConversationSpec.open(now));
        // Stored in a shuffled order, as late webhooks arrive: history orders by the platform's time.
        int[] minutes = {5, 1, 4, 2, 7, 3, 6};
        String[] ids = new String[8];
        for (int m : minutes) {
            ids[m] = fx.inboundMessage(org, conversation, "message " + m, now.minus(60 - m, ChronoUnit.MINUTES)).toString();
        }
        for (int m = 1; m <= 7; m++) {
            expected.add("message " + m);
        }
        HttpAnswer latest = call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation).as(sam)
                .query("limit", "3"));
        assertThat(latest.status()).isEqualTo(200);
        assertThat(field(latest.json().path("items"), "/content")).containsExactly("message 5", "message 6", "message 7");
        List<String> seen = new ArrayList<>(field(latest.json().path("items"), "/content"));
        String cursor = latest.json().path("nextCursor").asText();
        while (!cursor.isEmpty() && !"null".equals(cursor)) {
            JsonNode older = call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation).as(sam)
                    .query("limit", "3").query("before", cursor)).json();
            seen.addAll(0, field(older.path("items"), "/content"));
            cursor = older.path("nextCursor").isNull() ? "" : older.path("nextCursor").asText();
        }
        assertThat(seen).isEqualTo(expected);
        HttpAnswer newer = call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation).as(sam)
                .query("limit", "2").query("after", new com.unifiedbeez.inbox.platform.page.Cursor(
                        now.minus(57, ChronoUnit.MINUTES), UUID.fromString(ids[3])).encode()));
        assertThat(field(newer.json().path("items"), "/content")).containsExactly("message 4", "message 5");
        assertThat(call(request("GET", BASE + "/{conversationId}").path("conversationId", conversation).as(sam)
                .query("limit", "201")).status()).isEqualTo(422);
        assertThat(call(request("GET", BASE + "/{conversationId}").path("conversationId", UUID.randomUUID()).as(sam)).status())
                .isEqualTo(404);
    }

    @Test
    void searchRanksWithHighlightedEscapedSnippetsWithinTheOrganization() {
        UUID other = fx.conversation(org, fx.contact(org, "Dan", "whatsapp", "44" + UUID.randomUUID()), "whatsapp",
                ConversationSpec.open(now));
        fx.inboundMessage(org, other, "Refund refund refund: <b>please</b> process my refund", now);
        fx.inboundMessage(org, whatsapp, "Is a refund possible?", now);
        UUID globex = fx.organization("Globex");
        UUID theirs = fx.conversation(globex, fx.contact(globex, "Eve", "whatsapp", "44" + UUID.randomUUID()), "whatsapp",
                ConversationSpec.open(now));
        fx.inboundMessage(globex, theirs, "refund refund refund refund", now);

        HttpAnswer answer = call(request("GET", BASE + "/search").as(sam).query("q", "refunds"));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode items = answer.json().path("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).path("message").path("conversationId").asText()).isEqualTo(other.toString());
        assertThat(items.get(0).path("rank").asDouble()).isGreaterThan(items.get(1).path("rank").asDouble());
        assertThat(items.get(0).path("snippet").asText()).contains("<mark>Refund</mark>").contains("&lt;b&gt;")
                .doesNotContain("<b>");
        assertThat(call(request("GET", BASE + "/search").as(sam).query("q", "refund").query("conversationId", whatsapp.toString()))
                .json().path("items").size()).isEqualTo(1);
        assertThat(call(request("GET", BASE + "/search").as(sam).query("q", "refund").query("channel", "sms"))
                .json().path("items").size()).isZero();
        assertThat(call(request("GET", BASE + "/search").as(sam).query("q", "refund").query("from", "2999-01-01"))
                .json().path("items").size()).isZero();
        assertThat(call(request("GET", BASE + "/search").as(sam)).status()).isEqualTo(422);
        assertThat(call(request("GET", BASE + "/search").as(sam).query("q", "x").query("from", "yesterday")).status()).isEqualTo(422);
    }

    @Test
    void oneReactionPerAgentThatToggles() {
        String id = fx.inboundMessage(org, whatsapp, "Got it, thanks!", now).toString();
        String path = BASE + "/{id}/react";
        assertThat(call(request("POST", path).path("id", id).as(sam).body("{\"emoji\":\"👍\"}")).json().path("reactions"))
                .hasSize(1);
        JsonNode replaced = call(request("POST", path).path("id", id).as(sam).body("{\"emoji\":\"❤️\"}")).json();
        assertThat(field(replaced.path("reactions"), "/emoji")).containsExactly("❤️");
        assertThat(call(request("POST", path).path("id", id).as(lee).body("{\"emoji\":\"❤️\"}")).json().path("reactions")).hasSize(2);
        JsonNode toggled = call(request("POST", path).path("id", id).as(sam).body("{\"emoji\":\"❤️\"}")).json();
        assertThat(field(toggled.path("reactions"), "/userId")).containsExactly(lee.userId().toString());
        assertThat(call(request("POST", path).path("id", id).as(sam).body("{\"emoji\":\"ok\"}")).status()).isEqualTo(422);
        assertThat(call(request("POST", path).path("id", UUID.randomUUID()).as(sam).body("{\"emoji\":\"👍\"}")).status()).isEqualTo(404);
    }

    @Test
    void deletionHidesContentKeepsTheRowAndRespectsOwnership() {
        String mine = sendText("Sorry, wrong customer");
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", mine).as(lee)).status()).isEqualTo(403);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", mine).as(sam)).status()).isEqualTo(204);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", mine).as(sam)).status()).isEqualTo(204);
        String inbound = fx.inboundMessage(org, whatsapp, "my card number is 4111", now).toString();
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", inbound).as(sam)).status()).isEqualTo(403);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", inbound).as(ada)).status()).isEqualTo(204);

        JsonNode items = call(request("GET", BASE + "/{conversationId}").path("conversationId", whatsapp).as(sam)).json().path("items");
        JsonNode deleted = StreamSupport.stream(items.spliterator(), false).filter(i -> i.path("id").asText().equals(inbound))
                .findFirst().orElseThrow();
        assertThat(deleted.path("content").isNull()).isTrue();
        assertThat(deleted.path("deletedAt").isNull()).isFalse();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND content LIKE '%4111%'", inbound))
                .as("kept for audit").isEqualTo(1);
        assertThat(call(request("GET", BASE + "/search").as(sam).query("q", "4111")).json().path("items").size()).isZero();
    }

    @Test
    void templatesSendOutsideTheWindowWithEveryVariableFilled() {
        UUID quiet = fx.conversation(org, fx.contact(org, "Fay", "whatsapp", "44" + UUID.randomUUID()), "whatsapp",
                ConversationSpec.open(now));
        UUID approved = template("order_update", "Hi {{1}}, your order {{2}} has shipped.", "approved");
        UUID pending = template("promo", "Hello {{1}}", "pending");
        String url = BASE + "/send-template";
        HttpAnswer free = call(request("POST", BASE + "/send").as(sam).body("{\"conversationId\":\"" + quiet + "\",\"content\":\"hi\"}"));
        assertThat(free.json().path("errors").get(0).path("rule").asText()).isEqualTo("whatsapp-24h-window");

        HttpAnswer sent = call(request("POST", url).as(sam).body("{\"conversationId\":\"" + quiet + "\",\"templateId\":\"" + approved
                + "\",\"params\":{\"1\":\"Fay\",\"2\":\"#A123\"}}"));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(sent.json().path("type").asText()).isEqualTo("template");
        assertThat(sent.json().path("content").asText()).isEqualTo("Hi Fay, your order #A123 has shipped.");
        assertThat(sent.json().path("metadata").path("template").path("name").asText()).isEqualTo("order_update");
        assertThat(fx.count("SELECT count(*) FROM template_usage WHERE template_id = ?", approved)).isEqualTo(1);
        assertThat(drainQueue()).hasSize(1);

        HttpAnswer missing = call(request("POST", url).as(sam).body("{\"conversationId\":\"" + quiet + "\",\"templateId\":\"" + approved
                + "\",\"params\":{\"1\":\"Fay\",\"3\":\"x\"}}"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(field(missing.json().path("errors"), "/field")).containsExactlyInAnyOrder("params.2", "params.3");
        HttpAnswer newline = call(request("POST", url).as(sam).body("{\"conversationId\":\"" + quiet + "\",\"templateId\":\"" + approved
                + "\",\"params\":{\"1\":\"Fay\\nX\",\"2\":\"#1\"}}"));
        assertThat(newline.status()).isEqualTo(422);
        HttpAnswer notApproved = call(request("POST", url).as(sam).body("{\"conversationId\":\"" + quiet + "\",\"templateId\":\"" + pending
                + "\",\"params\":{\"1\":\"Fay\"}}"));
        assertThat(notApproved.json().path("errors").get(0).path("rule").asText()).isEqualTo("whatsapp-template-not-approved");
        assertThat(fx.count("SELECT count(*) FROM messages WHERE conversation_id = ? AND direction = 'outbound'", quiet)).isEqualTo(1);
    }

    @Test
    void anotherOrganizationCannotReachAnyMessage() {
        String id = sendText("Private to Acme");
        Caller gus = fx.user(fx.organization("Globex"), "Gus", Role.ADMIN);
        assertThat(call(request("GET", BASE + "/{conversationId}").path("conversationId", whatsapp).as(gus)).status()).isEqualTo(404);
        assertThat(call(request("PATCH", BASE + "/{id}/status").path("id", id).as(gus).body("{\"status\":\"read\"}")).status()).isEqualTo(404);
        assertThat(call(request("POST", BASE + "/{id}/react").path("id", id).as(gus).body("{\"emoji\":\"👍\"}")).status()).isEqualTo(404);
        assertThat(call(request("DELETE", BASE + "/{id}").path("id", id).as(gus)).status()).isEqualTo(404);
        assertThat(call(request("POST", BASE + "/send").as(gus).body("{\"conversationId\":\"" + whatsapp + "\",\"content\":\"x\"}")).status())
                .isEqualTo(404);
        assertThat(call(request("POST", BASE + "/upload").as(gus).body("{\"conversationId\":\"" + whatsapp
                + "\",\"fileName\":\"a.jpg\",\"contentType\":\"image/jpeg\",\"size\":10}")).status()).isEqualTo(404);
        assertThat(call(request("GET", BASE + "/search").as(gus).query("q", "Acme")).json().path("items").size()).isZero();
        assertThat(fx.count("SELECT count(*) FROM messages WHERE id = ?::uuid AND status = 'queued' AND deleted_at IS NULL", id)).isEqualTo(1);
    }

    private UUID template(String name, String content, String approval) {
        UUID id = Ids.newId();
        fx.exec("INSERT INTO templates (id, organization_id, type, name, content, language, approval_status)"
                + " VALUES (?, ?, 'whatsapp', ?, ?, 'en_GB', ?)", id, org, name, content, approval);
        return id;
    }
}
