package com.unifiedbeez.inbox.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testkit.DynamoTables;
import com.unifiedbeez.inbox.testkit.EmbeddedDynamo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Real DynamoDB for tests: one {@link EmbeddedDynamo} (dynalite, in memory) per test JVM, started on
 * first use on a free port and stopped when the JVM exits. {@link #config()} points the client of
 * {@code platform.aws} at it. Tables are created from template.yaml's own definitions
 * ({@link #createTableFromTemplate}), so tests read and write exactly the keys and indexes that get
 * deployed; give each test a table of its own ({@link #createRealtimeTable()}).
 *
 * <p>dynalite has no UpdateTimeToLive and never expires items: the template's
 * TimeToLiveSpecification is not applied, which is how DynamoDB looks to a reader before its lazy
 * TTL deletion. A module using this needs {@code testkit} in test scope and the SDK's dynamodb client.
 */
public final class LocalDynamo {
    public static final String REALTIME_TABLE = "RealtimeTable";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static EmbeddedDynamo server;
    private static DynamoDbClient client;

    private LocalDynamo() {
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedDynamo.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite: " + e.getMessage(), e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(LocalDynamo::stop, "local-dynamo-stop"));
    }

    private static synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public static String endpoint() {
        start();
        return server.endpoint();
    }

    /** Region and the DynamoDB endpoint override. */
    public static Config config() {
        return Config.of(Map.of(AwsConfig.REGION, LocalAws.REGION, AwsConfig.DYNAMODB_ENDPOINT, endpoint()));
    }

    /** {@code base} with the region and endpoint of {@link #config()}. */
    public static Config config(Config base) {
        return base.with(AwsConfig.REGION, LocalAws.REGION).with(AwsConfig.DYNAMODB_ENDPOINT, endpoint());
    }

    /** {@link #config()} naming {@code realtimeTable} as the realtime table. */
    public static Config realtimeConfig(String realtimeTable) {
        return config().with(AwsConfig.REALTIME_TABLE, realtimeTable);
    }

    /** A client of the test DynamoDB (shared; do not close). */
    public static synchronized DynamoDbClient client() {
        start();
        if (client == null) {
            client = AwsClients.dynamo(config());
        }
        return client;
    }

    /** A new realtime table with a name no other test uses, as template.yaml defines it; its name. */
    public static String createRealtimeTable() {
        return createTableFromTemplate(REALTIME_TABLE, "realtime-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Creates table {@code name} from the template's {@code logicalId} (an AWS::DynamoDB::Table); its name. */
    public static String createTableFromTemplate(String logicalId, String name) {
        return DynamoTables.create(client(), templateResource(logicalId).path("Properties"), name);
    }

    /** The template's resource {@code logicalId}, short tags read as plain values. */
    public static JsonNode templateResource(String logicalId) {
        try {
            JsonNode resource = YAML.readTree(template().toFile()).path("Resources").path(logicalId);
            if (resource.isMissingNode()) {
                throw new IllegalStateException("template.yaml has no resource " + logicalId);
            }
            return resource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The nearest template.yaml in the working directory or above (tests run in a module's folder). */
    public static Path template() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("template.yaml");
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
