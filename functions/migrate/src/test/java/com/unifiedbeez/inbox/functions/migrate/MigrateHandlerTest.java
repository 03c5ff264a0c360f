package com.unifiedbeez.inbox.functions.migrate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.TestDatabase;
import com.unifiedbeez.inbox.testkit.EmbeddedDatabase;
import com.unifiedbeez.inbox.testkit.LambdaContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migrate function end to end: the real sample events (read through the Lambda runtime's own
 * event serializers), Flyway against a fresh database on a real embedded PostgreSQL, and the
 * response PUT caught by a real local HTTP server standing in for the presigned S3 ResponseURL.
 */
class MigrateHandlerTest {
    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    private static final Path EVENTS = REPO.resolve("events/migrate");
    private static final String STACK_ID =
            "arn:aws:cloudformation:eu-west-2:123456789012:stack/unifiedbeez-inbox/6f1c2d30-8a4b-11ef-b864-0a5c1e7f9d21";

    private record Put(String method, URI uri, Headers headers, String body) {
    }

    private static HttpServer responseEndpoint;
    private static final BlockingQueue<Put> PUTS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startResponseEndpoint() throws IOException {
        responseEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responseEndpoint.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
            PUTS.add(new Put(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(), body));
            exchange.sendResponseHeaders(200, -1); // S3 answers an accepted PUT with 200 and no body
            exchange.close();
        });
        responseEndpoint.start();
    }

    @AfterAll
    static void stopResponseEndpoint() {
        responseEndpoint.stop(0);
    }

    @BeforeEach
    void forgetEarlierPuts() {
        PUTS.clear();
    }

    @Test
    void createOnAFreshDatabaseAppliesEveryMigrationAndPutsSuccess() throws Exception {
        String database = freshDatabase();
        CloudFormationCustomResourceEvent event = event("create.json");
        assertThat(event.getRequestType()).isEqualTo("Create");
        assertThat(event.getPhysicalResourceId()).isNull();
        URI presigned = URI.create(event.getResponseUrl());
        assertThat(presigned.getHost()).startsWith("cloudformation-custom-resource-response-");
        event.setResponseUrl(local(presigned));
        Expected expected = expectedMigrations();

        Map<String, Object> returned = new MigrateHandler(configFor(database)).handleRequest(event, context());

        Put put = onlyPut();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.uri().getRawPath()).isEqualTo(presigned.getRawPath());
        assertThat(put.uri().getRawQuery()).isEqualTo(presigned.getRawQuery());
        // The presigned URL is signed without a content type: sending one would break the signature.
        assertThat(put.headers().getFirst("Content-Type")).isNull();
        assertThat(put.headers().getFirst("Content-Length")).isEqualTo(
                String.valueOf(put.body().getBytes(UTF_8).length));
        assertThat(put.body()).isEqualTo("{\"Status\":\"SUCCESS\","
                + "\"Reason\":\"Applied " + expected.count() + " migration(s); schema version " + expected.version() + "\","
                + "\"PhysicalResourceId\":\"unifiedbeez-inbox-flyway-schema\","
                + "\"StackId\":\"" + STACK_ID + "\","
                + "\"RequestId\":\"3b9e4a72-5c1d-4f0e-9a8b-7d2c6e1f0a45\","
                + "\"LogicalResourceId\":\"SchemaMigration\","
                + "\"Data\":{\"appliedMigrations\":" + expected.count() + ",\"schemaVersion\":\"" + expected.version() + "\"}}");
        assertThat(returned).isEqualTo(parse(put.body()));

        assertThat(tables(database)).contains("organizations", "users", "contacts", "conversations", "messages",
                "labels", "conversation_labels", "notes", "flyway_schema_history");
        assertThat(count(database, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo(expected.count());
    }

    @Test
    void updateOnAnUpToDateSchemaAppliesNothingAndKeepsThePhysicalId() throws Exception {
        String database = freshDatabase();
        Config config = configFor(database);
        CloudFormationCustomResourceEvent create = event("create.json");
        create.setResponseUrl(local(URI.create(create.getResponseUrl())));
        new MigrateHandler(config).handleRequest(create, null);
        onlyPut();

        CloudFormationCustomResourceEvent update = event("update.json");
        assertThat(update.getOldResourceProperties()).containsKey("MigrateFunctionVersion");
        update.setResponseUrl(local(URI.create(update.getResponseUrl())));
        new MigrateHandler(config).handleRequest(update, null);

        String version = expectedMigrations().version();
        assertThat(onlyPut().body()).isEqualTo("{\"Status\":\"SUCCESS\","
                + "\"Reason\":\"Applied 0 migration(s); schema version " + version + "\","
                + "\"PhysicalResourceId\":\"unifiedbeez-inbox-flyway-schema\","
                + "\"StackId\":\"" + STACK_ID + "\","
                + "\"RequestId\":\"9a4d7c1e-2b6f-4e83-a0c5-1f8e3d6b9a27\","
                + "\"LogicalResourceId\":\"SchemaMigration\","
                + "\"Data\":{\"appliedMigrations\":0,\"schemaVersion\":\"" + version + "\"}}");
    }

    @Test
    void rollbackUpdateLeavesTheSchemaAloneAndSucceeds() throws Exception {
        CloudFormationCustomResourceEvent rollback = event("update.json");
        // A rolled-back stack sends the previous properties as the new ones.
        Map<String, Object> newer = rollback.getResourceProperties();
        rollback.setResourceProperties(rollback.getOldResourceProperties());
        rollback.setOldResourceProperties(newer);
        rollback.setResponseUrl(local(URI.create(rollback.getResponseUrl())));

        // The database is unreachable: a rollback must not even try it.
        new MigrateHandler(unreachableDatabase()).handleRequest(rollback, null);

        Map<String, Object> body = parse(onlyPut().body());
        assertThat(body).containsEntry("Status", "SUCCESS")
                .containsEntry("PhysicalResourceId", "unifiedbeez-inbox-flyway-schema")
                .doesNotContainKey("Data");
        assertThat((String) body.get("Reason")).startsWith("Rollback:");
    }

    @Test
    void deleteKeepsTheDatabaseAndSucceeds() throws Exception {
        CloudFormationCustomResourceEvent delete = event("delete.json");
        delete.setResponseUrl(local(URI.create(delete.getResponseUrl())));

        new MigrateHandler(unreachableDatabase()).handleRequest(delete, null);

        assertThat(onlyPut().body()).isEqualTo("{\"Status\":\"SUCCESS\","
                + "\"Reason\":\"Delete: nothing to do, the database and its schema are kept\","
                + "\"PhysicalResourceId\":\"unifiedbeez-inbox-flyway-schema\","
                + "\"StackId\":\"" + STACK_ID + "\","
                + "\"RequestId\":\"d2e8f1a4-7b3c-4d95-8e6a-0c9b5f2d7e13\","
                + "\"LogicalResourceId\":\"SchemaMigration\"}");
    }

    @Test
    void unreachableDatabaseAnswersFailedWithAReasonAndStillPuts() throws Exception {
        CloudFormationCustomResourceEvent event = event("create.json");
        event.setResponseUrl(local(URI.create(event.getResponseUrl())));
        Config config = unreachableDatabase();

        Map<String, Object> returned = new MigrateHandler(config).handleRequest(event, context());

        Put put = onlyPut();
        assertThat(put.method()).isEqualTo("PUT");
        Map<String, Object> body = parse(put.body());
        assertThat(body.keySet()).containsExactly(
                "Status", "Reason", "PhysicalResourceId", "StackId", "RequestId", "LogicalResourceId");
        assertThat(body).containsEntry("Status", "FAILED")
                .containsEntry("PhysicalResourceId", "unifiedbeez-inbox-flyway-schema")
                .containsEntry("StackId", STACK_ID)
                .containsEntry("RequestId", "3b9e4a72-5c1d-4f0e-9a8b-7d2c6e1f0a45")
                .containsEntry("LogicalResourceId", "SchemaMigration");
        String reason = (String) body.get("Reason");
        assertThat(reason).contains(config.require(Config.DB_URL).replace("jdbc:postgresql://", "").split("/")[0])
                .contains("refused")
                .endsWith("| log: /aws/lambda/unifiedbeez-inbox-MigrateFunction 2025/01/14/[$LATEST]0f1e2d3c4b5a");
        assertThat(reason.length()).isLessThanOrEqualTo(CustomResourceResponder.MAX_REASON_CHARS);
        assertThat(put.body().getBytes(UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(returned).isEqualTo(body);
    }

    @Test
    void missingConfigurationAnswersFailedInsteadOfFailingInit() throws Exception {
        CloudFormationCustomResourceEvent event = event("create.json");
        event.setResponseUrl(local(URI.create(event.getResponseUrl())));

        new MigrateHandler(Config.of(Map.of())).handleRequest(event, null);

        Map<String, Object> body = parse(onlyPut().body());
        assertThat(body).containsEntry("Status", "FAILED")
                .containsEntry("Reason", "IllegalStateException: missing configuration INBOX_DB_URL");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static CloudFormationCustomResourceEvent event(String name) {
        return EventLoader.loadCloudFormationCustomResourceEvent(EVENTS.resolve(name).toString());
    }

    /** The presigned URL's own path and query, served by the local endpoint. */
    private static String local(URI presigned) {
        return "http://127.0.0.1:" + responseEndpoint.getAddress().getPort()
                + presigned.getRawPath() + "?" + presigned.getRawQuery();
    }

    private static Put onlyPut() throws InterruptedException {
        Put put = PUTS.poll(30, TimeUnit.SECONDS);
        assertThat(put).as("a response PUT to the ResponseURL").isNotNull();
        assertThat(PUTS).as("exactly one response PUT").isEmpty();
        return put;
    }

    private static Map<String, Object> parse(String json) throws IOException {
        return Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    /** A new, empty database on the shared embedded server (TestDatabase's own is migrated already). */
    private static String freshDatabase() throws SQLException {
        String name = "migrate_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = TestDatabase.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    private static Config configFor(String database) {
        return Config.of(Map.of(
                Config.DB_URL, TestDatabase.server().jdbcUrl(database),
                Config.DB_USER, EmbeddedDatabase.USER,
                Config.DB_PASSWORD, EmbeddedDatabase.USER));
    }

    private static Config unreachableDatabase() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        return Config.of(Map.of(
                Config.DB_URL, "jdbc:postgresql://127.0.0.1:" + closedPort + "/inbox",
                Config.DB_USER, "inbox",
                Config.DB_PASSWORD, "secret"));
    }

    private static List<String> tables(String database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static int count(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return TestDatabase.server().dataSource(database).getConnection();
    }

    private record Expected(int count, String version) {
    }

    /** What Flyway must report for a fresh database: every file in migrations/, highest version last. */
    private static Expected expectedMigrations() throws IOException {
        Pattern versioned = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.+\\.sql");
        Pattern repeatable = Pattern.compile("R__.+\\.sql");
        List<List<Long>> versions = new ArrayList<>();
        Map<List<Long>, String> display = new HashMap<>();
        int count = 0;
        try (Stream<Path> files = Files.list(REPO.resolve("migrations"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                Matcher m = versioned.matcher(name);
                if (m.matches()) {
                    String text = m.group(1).replace('_', '.');
                    List<Long> parts = Stream.of(text.split("\\.")).map(Long::valueOf).toList();
                    versions.add(parts);
                    display.put(parts, text);
                    count++;
                } else if (repeatable.matcher(name).matches()) {
                    count++;
                }
            }
        }
        Comparator<List<Long>> numeric = (a, b) -> {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                long x = i < a.size() ? a.get(i) : 0;
                long y = i < b.size() ? b.get(i) : 0;
                if (x != y) {
                    return Long.compare(x, y);
                }
            }
            return 0;
        };
        return new Expected(count, display.get(versions.stream().max(numeric).orElseThrow()));
    }

    /** The context Lambda passes: the deployed function's names, as the FAILED reason quotes them. */
    private static Context context() {
        return LambdaContext.of("unifiedbeez-inbox-MigrateFunction")
                .withRequestId("c0ffee00-1234-4abc-8def-0123456789ab")
                .withArnOf("eu-west-2", "123456789012")
                .withLogStream("2025/01/14/[$LATEST]0f1e2d3c4b5a")
                .withMemoryMb(1024)
                .withTimeoutSeconds(300);
    }
}
