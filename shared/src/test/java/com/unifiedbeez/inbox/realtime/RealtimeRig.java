package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.aws.AwsConfig;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.LocalDynamo;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The realtime classes on a fresh table of dynalite, created from template.yaml. Queries read pages
 * of {@value #PAGE_SIZE} items, so every test that lists more than that reads several pages.
 */
final class RealtimeRig {
    static final int PAGE_SIZE = 4;

    final String tableName;
    final RealtimeTable table;
    final ConversationViewers viewers;
    final ConnectionRegistry connections;
    final PresenceBoard presence;

    private RealtimeRig(DynamoDbClient client, String tableName) {
        this.tableName = tableName;
        this.table = new RealtimeTable(client, tableName, PAGE_SIZE);
        this.viewers = new ConversationViewers(table);
        this.connections = new ConnectionRegistry(table, viewers);
        this.presence = new PresenceBoard(table, connections);
    }

    static RealtimeRig fresh() {
        return new RealtimeRig(LocalDynamo.client(), LocalDynamo.createRealtimeTable());
    }

    /** The same table through a client of its own whose requests pass {@code interceptor} first. */
    RealtimeRig through(ExecutionInterceptor interceptor) {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(URI.create(LocalDynamo.endpoint()))
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AwsConfig.LOCAL_ACCESS_KEY, AwsConfig.LOCAL_SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
        return new RealtimeRig(client, tableName);
    }

    /** The item as stored, expired or not (empty when there is none). */
    Map<String, AttributeValue> stored(String pk, String sk) {
        return LocalDynamo.client().getItem(g -> g.tableName(tableName).key(RealtimeTable.key(pk, sk))
                .consistentRead(true)).item();
    }
}
