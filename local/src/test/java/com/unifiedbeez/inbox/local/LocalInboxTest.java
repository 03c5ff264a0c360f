package com.unifiedbeez.inbox.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unifiedbeez.inbox.local.testing.TestTemplates;
import com.unifiedbeez.inbox.local.seed.DemoSeed;
import com.unifiedbeez.inbox.local.testing.EchoHandler;
import com.unifiedbeez.inbox.platform.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runtime end to end, in-process: embedded PostgreSQL on a temp data folder, migrations,
 * seed, and HTTP through Jetty to a test function declared in a template fixture.
 */
class LocalInboxTest {
    static final String SECRET = "local-inbox-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    LocalOptions options() throws Exception {
        return LocalOptions.defaults(Path.of(""))
                .withAllPorts(0)
                .withDataDir(data)
                .withTemplate(TestTemplates.fixture())
                .withJwtSecret(SECRET);
    }

    static HttpResponse<String> get(LocalInbox inbox, String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(inbox.baseUrl() + pathAndQuery)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static long count(LocalInbox inbox, String sql) throws Exception {
        try (Connection c = inbox.database().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void servesTemplateRoutesOverHttpWithTheJwtAuthorizer() throws Exception {
        try (LocalInbox inbox = LocalInbox.start(options())) {
            assertThat(inbox.port()).isPositive();
            assertThat(inbox.seeded()).isTrue();
            assertThat(System.getProperty(Config.DB_URL)).isEqualTo(inbox.database().jdbcUrl());
            String token = DevTokens.mint(SECRET, DemoSeed.PRIYA);

            HttpResponse<String> ok = get(inbox, "/api/echo/items/search?q=late%20order&channel=sms&channel=email", token);
            assertThat(ok.statusCode()).isEqualTo(200);
            JsonNode echo = JSON.readTree(ok.body());
            assertThat(echo.get("routeKey").asText()).isEqualTo("GET /api/echo/items/search");
            assertThat(echo.get("queryStringParameters").get("q").asText()).isEqualTo("late order");
            assertThat(echo.get("queryStringParameters").get("channel").asText()).isEqualTo("sms,email");
            assertThat(echo.get("claims").get("sub").asText()).isEqualTo(DemoSeed.PRIYA.id().toString());
            assertThat(echo.get("claims").get("org_id").asText()).isEqualTo(DemoSeed.ACME_ORG.toString());
            assertThat(echo.get("headers").get("host").asText()).isEqualTo("localhost:" + inbox.port());
            assertThat(echo.get("requestContext.http.sourceIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");

            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(
                            URI.create(inbox.baseUrl() + "/api/echo/items/abc"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"x\":\"ü\"}")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(JSON.readTree(post.body()).get("body").asText()).isEqualTo("{\"x\":\"ü\"}");

            int invocations = EchoHandler.INVOCATIONS.get();
            HttpResponse<String> missing = get(inbox, "/api/echo/items", null);
            assertThat(missing.statusCode()).isEqualTo(401);
            assertThat(missing.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(JSON.readTree(missing.body()).get("status").asInt()).isEqualTo(401);
            HttpResponse<String> forged = get(inbox, "/api/echo/items", DevTokens.mint("wrong", DemoSeed.PRIYA));
            assertThat(forged.statusCode()).isEqualTo(401);
            assertThat(EchoHandler.INVOCATIONS.get()).isEqualTo(invocations);

            assertThat(get(inbox, "/api/echo/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> notFound = get(inbox, "/nope", token);
            assertThat(notFound.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(notFound.body()).get("message").asText()).isEqualTo("Not Found");
            HttpResponse<String> boom = get(inbox, "/api/echo/boom", token);
            assertThat(boom.statusCode()).isEqualTo(500);
            assertThat(boom.headers().firstValue("content-type")).hasValue("application/problem+json");

            ByteArrayOutputStream banner = new ByteArrayOutputStream();
            inbox.printBanner(new PrintStream(banner, true, StandardCharsets.UTF_8));
            String text = banner.toString(StandardCharsets.UTF_8);
            assertThat(text).contains(inbox.baseUrl(), "Ada Admin", "Sam Agent", "Priya Agent", "Lee Agent",
                    "Grace Globex", "export TOKEN_SAM=ey", "curl -H \"Authorization: Bearer $TOKEN_SAM\"");
        }
        assertThat(System.getProperty(Config.DB_URL)).as("restored on close").isNull();
    }

    @Test
    void restartsOnItsDataAndFreshStartsOver() throws Exception {
        LocalInbox.Timings cold;
        long conversations;
        try (LocalInbox inbox = LocalInbox.start(options())) {
            cold = inbox.timings();
            assertThat(inbox.seeded()).isTrue();
            assertThat(inbox.migrationsApplied()).isPositive();
            assertThat(inbox.database().initialized()).isTrue();
            conversations = count(inbox, "SELECT count(*) FROM conversations");
            assertThat(conversations).isEqualTo(DemoSeed.ACME_CONVERSATIONS + DemoSeed.GLOBEX_CONVERSATIONS);
            // something a user did, which must survive the restart
            try (Connection c = inbox.database().dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE conversations SET subject = 'kept across restarts' WHERE id ="
                        + " (SELECT id FROM conversations ORDER BY id LIMIT 1)");
            }
        }
        LocalInbox.Timings warm;
        try (LocalInbox inbox = LocalInbox.start(options())) {
            warm = inbox.timings();
            assertThat(inbox.database().initialized()).isFalse();
            assertThat(inbox.seeded()).isFalse();
            assertThat(inbox.migrationsApplied()).isZero();
            assertThat(count(inbox, "SELECT count(*) FROM conversations")).isEqualTo(conversations);
            assertThat(count(inbox, "SELECT count(*) FROM organizations")).isEqualTo(2);
            assertThat(count(inbox, "SELECT count(*) FROM conversations WHERE subject = 'kept across restarts'"))
                    .isEqualTo(1);
            assertThat(get(inbox, "/api/echo/health", null).statusCode()).isEqualTo(200);
        }
        try (LocalInbox inbox = LocalInbox.start(options().withFresh(true))) {
            assertThat(inbox.database().initialized()).isTrue();
            assertThat(inbox.seeded()).isTrue();
            assertThat(count(inbox, "SELECT count(*) FROM conversations WHERE subject = 'kept across restarts'"))
                    .isZero();
        }
        System.out.println("LocalInbox.start cold (fresh data folder): " + cold);
        System.out.println("LocalInbox.start warm (existing data):     " + warm);
        assertThat(Files.exists(data.resolve("postgres/postgresql.conf"))).isTrue();
    }

    @Test
    void optionsFromTheCommandLine() {
        Path cwd = Path.of("").toAbsolutePath();
        LocalOptions defaults = LocalOptions.parse(new String[0], cwd);
        assertThat(defaults.port()).isEqualTo(3000);
        assertThat(defaults.wsPort()).isEqualTo(3001);
        assertThat(defaults.pgPort()).isEqualTo(54329);
        assertThat(defaults.fresh()).isFalse();
        assertThat(defaults.dataDir().getFileName().toString()).isEqualTo(".local-data");
        assertThat(defaults.dataDir().getParent()).isEqualTo(RepoPaths.root(cwd));
        LocalOptions o = LocalOptions.parse(new String[] {"--fresh", "--port", "8080", "--ws-port", "8081", "--data",
                "/tmp/x"}, cwd);
        assertThat(o.fresh()).isTrue();
        assertThat(o.port()).isEqualTo(8080);
        assertThat(o.wsPort()).isEqualTo(8081);
        assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--port"}, cwd))
                .hasMessageContaining("--port");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--bogus"}, cwd))
                .hasMessageContaining("unknown argument");
    }
}
