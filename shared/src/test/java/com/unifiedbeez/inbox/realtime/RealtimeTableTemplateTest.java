package com.unifiedbeez.inbox.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.testing.LocalDynamo;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** template.yaml's RealtimeTable is the table the code reads: keys, indexes and TTL attribute. */
class RealtimeTableTemplateTest {
    @Test
    void theTemplatesTableHasTheKeysIndexesAndTtlOfRealtimeKeys() {
        JsonNode properties = LocalDynamo.templateResource(LocalDynamo.REALTIME_TABLE).path("Properties");
        assertThat(properties.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(properties.path("TimeToLiveSpecification").path("AttributeName").asText())
                .isEqualTo(RealtimeKeys.EXPIRES_AT);
        assertThat(properties.path("TimeToLiveSpecification").path("Enabled").asBoolean()).isTrue();

        String name = LocalDynamo.createRealtimeTable();
        TableDescription table = LocalDynamo.client().describeTable(d -> d.tableName(name)).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly(RealtimeKeys.PK + ":HASH", RealtimeKeys.SK + ":RANGE");
        assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndexDescription::indexName)
                .containsExactlyInAnyOrder(RealtimeKeys.BY_ORGANIZATION, RealtimeKeys.BY_HEARTBEAT);
        assertThat(table.globalSecondaryIndexes()).allSatisfy(index ->
                assertThat(index.projection().projectionTypeAsString()).isEqualTo("ALL"));
        assertThat(index(table, RealtimeKeys.BY_ORGANIZATION).keySchema()).extracting(k -> k.attributeName())
                .containsExactly(RealtimeKeys.GSI1PK, RealtimeKeys.GSI1SK);
        assertThat(index(table, RealtimeKeys.BY_HEARTBEAT).keySchema()).extracting(k -> k.attributeName())
                .containsExactly(RealtimeKeys.GSI2PK, RealtimeKeys.GSI2SK);
    }

    private static GlobalSecondaryIndexDescription index(TableDescription table, String name) {
        return table.globalSecondaryIndexes().stream().filter(i -> i.indexName().equals(name)).findFirst().orElseThrow();
    }
}
