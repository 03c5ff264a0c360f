package com.unifiedbeez.inbox.platform.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots a container, run the hot path once (classes loaded,
 * JIT warmed, Jackson caches filled), then drop the pool's connections, which would be dead after
 * restore. After restore the pool opens fresh connections on first use.
 */
public final class Priming implements Resource {
    private final Runnable warmUp;
    private final DataSource dataSource;

    private Priming(Runnable warmUp, DataSource dataSource) {
        this.warmUp = warmUp;
        this.dataSource = dataSource;
    }

    /** Registers with the CRaC context; keep the returned object reachable (CRaC holds resources weakly). */
    public static Priming register(Runnable warmUp, DataSource dataSource) {
        Priming priming = new Priming(warmUp, dataSource);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        warmUp.run();
        if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            hikari.getHikariPoolMXBean().softEvictConnections();
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to reopen eagerly: connections are created on demand.
    }

    /** Who priming requests come from: a user of an organization that has no data and no members. */
    public static final Caller CALLER = new Caller(Ids.newId(), Ids.newId(), Role.AGENT);

    /** A GET as API Gateway would deliver it, from {@link #CALLER}. */
    public static APIGatewayV2HTTPEvent syntheticGet(String routeKey, String path) {
        return syntheticGet(routeKey, path, Map.of());
    }

    /** The same with query parameters, which API Gateway delivers apart from the path. */
    public static APIGatewayV2HTTPEvent syntheticGet(String routeKey, String path, Map<String, String> query) {
        Map<String, String> claims = Map.of(
                Caller.CLAIM_USER, CALLER.userId().toString(),
                Caller.CLAIM_ORGANIZATION, CALLER.organizationId().toString(),
                Caller.CLAIM_ROLE, "agent");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                .withQueryStringParameters(query)
                .withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(path).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                                .build())
                        .build())
                .build();
    }
}
