package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.aws.AwsClients;
import com.unifiedbeez.inbox.platform.config.Config;
import dagger.Module;
import dagger.Provides;
import java.net.URI;
import javax.inject.Singleton;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * The {@code @connections} client of the WebSocket API, at {@value #ENDPOINT}: the stage's URL in
 * AWS ({@code https://{api-id}.execute-api.{region}.amazonaws.com/prod}, from the template), the
 * local WebSocket gateway's locally (a loopback address: the local key pair signs the calls).
 */
@Module
public final class ConnectionPushModule {
    public static final String ENDPOINT = "INBOX_WEBSOCKET_ENDPOINT";

    private ConnectionPushModule() {
    }

    @Provides
    @Singleton
    static ApiGatewayManagementApiClient managementApi(Config config) {
        URI endpoint = URI.create(config.require(ENDPOINT).trim());
        return AwsClients.managementApi(config, endpoint, loopback(endpoint));
    }

    /** By name only: no DNS lookup at a cold start. */
    private static boolean loopback(URI endpoint) {
        String host = endpoint.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }
}
