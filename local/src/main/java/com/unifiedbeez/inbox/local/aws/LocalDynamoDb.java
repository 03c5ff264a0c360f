package com.unifiedbeez.inbox.local.aws;

import com.unifiedbeez.inbox.local.gateway.SamTemplate;
import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testkit.DynamoTables;
import com.unifiedbeez.inbox.testkit.EmbeddedDynamo;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB for the local runtime: dynalite (testkit's {@link EmbeddedDynamo}, in memory: what it
 * holds — connections, viewers, presence — is live state that ends with the runtime anyway) with
 * every {@code AWS::DynamoDB::Table} of the template made as written. A function's environment
 * variable that {@code !Ref}s a table gets its local name.
 */
public final class LocalDynamoDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDynamoDb.class);
    private final EmbeddedDynamo server;
    private final DynamoDbClient client;
    private final Map<String, String> tables;
    private final String region;

    private LocalDynamoDb(EmbeddedDynamo server, DynamoDbClient client, Map<String, String> tables, String region) {
        this.server = server;
        this.client = client;
        this.tables = tables;
        this.region = region;
    }

    /** Starts dynalite on {@code port} (0: a free one) and creates the template's tables. */
    public static LocalDynamoDb start(SamTemplate template, String region, int port) throws IOException {
        EmbeddedDynamo server = EmbeddedDynamo.start(port);
        DynamoDbClient client = null;
        try {
            client = AwsClients.dynamo(Config.of(properties(region, server.endpoint())));
            Map<String, String> tables = new LinkedHashMap<>();
            for (SamTemplate.Table table : template.tables()) {
                if (!table.properties().path("KeySchema").isArray() || table.properties().path("KeySchema").isEmpty()) {
                    // CloudFormation would refuse it as well; the runtime starts without it
                    LOG.warn("table {} has no KeySchema: not created locally", table.logicalId());
                    continue;
                }
                String name = table.tableName() != null ? table.tableName() : table.logicalId();
                DynamoTables.create(client, table.properties(), name);
                tables.put(table.logicalId(), name);
            }
            return new LocalDynamoDb(server, client, Map.copyOf(tables), region);
        } catch (RuntimeException | Error e) {
            if (client != null) {
                client.close();
            }
            server.close();
            throw e;
        }
    }

    public String endpoint() {
        return server.endpoint();
    }

    /** Table names by logical id. */
    public Map<String, String> tables() {
        return tables;
    }

    /** What the functions get: the endpoint override (AwsClients then uses local credentials). */
    public Map<String, String> properties() {
        return properties(region, endpoint());
    }

    /** The functions' variables that {@code !Ref} a table ({@code "T"} or {@code "T.Arn"}), resolved. */
    public Map<String, String> environment(List<SamTemplate.Function> functions) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (SamTemplate.Function f : functions) {
            f.environment().forEach((name, value) -> resolve(value).ifPresent(v -> resolved.putIfAbsent(name, v)));
        }
        return resolved;
    }

    Optional<String> resolve(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        String name = tables.get(v);
        if (name != null) {
            return Optional.of(name);
        }
        if (v.endsWith(".Arn") && tables.containsKey(v.substring(0, v.length() - 4))) {
            return Optional.of("arn:aws:dynamodb:" + region + ":000000000000:table/"
                    + tables.get(v.substring(0, v.length() - 4)));
        }
        return Optional.empty();
    }

    public DynamoDbClient client() {
        return client;
    }

    private static Map<String, String> properties(String region, String endpoint) {
        return Map.of(AwsConfig.REGION, region, AwsConfig.DYNAMODB_ENDPOINT, endpoint);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
