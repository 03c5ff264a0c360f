package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real thing: the repository's template.yaml and the real ConversationsHandler on the seeded database. */
class RealTemplateTest {
    static final String SECRET = "real-template-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path data;
    static LocalInbox inbox;

    @BeforeAll
    static void start() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow(
                () -> new AssertionError("template.yaml not found from " + Path.of("").toAbsolutePath()));
        inbox = LocalInbox.start(LocalOptions.defaults(Path.of("")).withAllPorts(0).withDataDir(data)
                .withTemplate(template).withJwtSecret(SECRET));
    }

    @AfterAll
    static void stop() {
        if (inbox != null) {
            inbox.close();
        }
    }

    static JsonNode get(String pathAndQuery, String token, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(inbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(pathAndQuery + " -> " + response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }

    @Test
    void theTemplateDeclaresTheConversationsRoutes() throws Exception {
        Path template = RepoPaths.findTemplate(Path.of("")).orElseThrow();
        assertThat(SamTemplate.load(template).httpRoutes())
                .extracting(SamTemplate.HttpRoute::routeKey)
                .contains("GET /api/inbox/conversations", "GET /api/inbox/conversations/search",
                        "GET /api/inbox/conversations/{id}");
    }

    @Test
    void anAgentListsAllConversations() throws Exception {
        String token = DevTokens.mint(SECRET, DemoSeed.SAM);
        JsonNode page = get("/api/inbox/conversations?view=all", token, 200);
        assertThat(page.get("items")).hasSize(25);
        assertThat(page.get("nextCursor").asText()).isNotBlank();

        JsonNode mine = get("/api/inbox/conversations?view=mine&limit=100", token, 200);
        assertThat(mine.get("items")).isNotEmpty();
    }

    @Test
    void oneConversationAndSearchGoToTheirRoutes() throws Exception {
        String token = DevTokens.mint(SECRET, DemoSeed.PRIYA);
        JsonNode first = get("/api/inbox/conversations?view=all&limit=1", token, 200).get("items").get(0);
        String id = first.get("id").asText();
        JsonNode detail = get("/api/inbox/conversations/" + id, token, 200);
        assertThat(detail.toString()).contains(id);
        // "search" is a literal route, not {id}
        JsonNode found = get("/api/inbox/conversations/search?q=refund", token, 200);
        assertThat(found.get("items")).isNotEmpty();
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        String grace = DevTokens.mint(SECRET, DemoSeed.GRACE);
        JsonNode globex = get("/api/inbox/conversations?view=all&limit=100", grace, 200);
        assertThat(globex.get("items")).hasSize(DemoSeed.GLOBEX_CONVERSATIONS);

        String acmeId = get("/api/inbox/conversations?view=all&limit=1", DevTokens.mint(SECRET, DemoSeed.ADA), 200)
                .get("items").get(0).get("id").asText();
        get("/api/inbox/conversations/" + acmeId, grace, 404);

        Set<String> acmeIds = new HashSet<>();
        String cursor = null;
        String ada = DevTokens.mint(SECRET, DemoSeed.ADA);
        do {
            JsonNode page = get("/api/inbox/conversations?view=all&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), ada, 200);
            page.get("items").forEach(c -> acmeIds.add(c.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(acmeIds).hasSize(DemoSeed.ACME_CONVERSATIONS);
    }

    @Test
    void withoutATokenTheFunctionIsNotReached() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(inbox.baseUrl() + "/api/inbox/conversations")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    }

    @Test
    void theOutboundQueueItsDeadLetterQueueAndTheMediaBucketExistLocally() {
        var outbound = inbox.resources().queue("OutboundQueue").orElseThrow();
        var dlq = inbox.resources().queue("OutboundDLQ").orElseThrow();
        assertThat(outbound.name()).isEqualTo("OutboundQueue.fifo");
        var attributes = inbox.aws().sqs().getQueueAttributes(g -> g.queueUrl(outbound.url()).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.ALL)).attributesAsStrings();
        assertThat(attributes).containsEntry("FifoQueue", "true").containsEntry("ContentBasedDeduplication", "false")
                .containsEntry("VisibilityTimeout", "180");
        assertThat(attributes.get("RedrivePolicy")).contains(dlq.arn()).contains("5");
        assertThat(inbox.aws().s3().listBuckets().buckets()).extracting(b -> b.name()).contains("mediabucket");
        // what MessagesFunction and OutboundSweeperFunction read (template: !Ref OutboundQueue / !Ref MediaBucket)
        assertThat(System.getProperty("INBOX_OUTBOUND_QUEUE_URL")).isEqualTo(outbound.url());
        assertThat(System.getProperty("INBOX_MEDIA_BUCKET")).isEqualTo("mediabucket");
        assertThat(inbox.events().schedules()).extracting(e -> e.schedule().functionName())
                .contains("OutboundSweeperFunction");
    }

    /** The template's hourly retention runs here too, on the local database and bucket; no demo organization sets a policy. */
    @Test
    @SuppressWarnings("unchecked")
    void theHourlyRetentionRunsLocally() throws Exception {
        assertThat(inbox.events().schedules()).anySatisfy(s -> {
            assertThat(s.schedule().functionName()).isEqualTo("RetentionFunction");
            assertThat(s.period()).isEqualTo(Duration.ofHours(1));
        });

        Object run = inbox.events().fire("RetentionFunction", "Hourly");

        assertThat((Map<String, Object>) run).containsEntry("messagesDeleted", 0).containsEntry("failed", 0)
                .containsEntry("finished", true);
    }

    /** Every demo connection is healthy when a member checks it, Telegram's webhook included (registered at start). */
    @Test
    void everyDemoConnectionsHealthCheckIsGreen() throws Exception {
        String sam = DevTokens.mint(SECRET, DemoSeed.SAM);
        JsonNode connections = get("/api/inbox/channels", sam, 200).get("items");
        assertThat(connections).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode connection : connections) {
            JsonNode health = get("/api/inbox/channels/" + connection.get("id").asText() + "/health", sam, 200);
            assertThat(health.get("healthy").asBoolean()).as(connection.get("channel").asText() + ": " + health).isTrue();
        }
        for (JsonNode connection : get("/api/inbox/channels", sam, 200).get("items")) {
            assertThat(connection.get("status").asText()).isEqualTo("active");
            assertThat(connection.get("lastHealthStatus").asText()).isEqualTo("ok");
        }
    }
}
