package com.unifiedbeez.inbox.platform.aws;

import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import javax.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client, one per container (component scope), built lazily by Dagger on first use.
 * On its own, like {@link SqsModule}: only the functions that touch the realtime table carry the SDK.
 */
@Module
public final class DynamoModule {
    private DynamoModule() {
    }

    @Provides
    @Singleton
    static DynamoDbClient dynamoDbClient(Config config) {
        return AwsClients.dynamo(config);
    }
}
