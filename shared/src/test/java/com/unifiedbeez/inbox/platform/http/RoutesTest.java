package com.unifiedbeez.inbox.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private static final ApiResult A = ApiResult.ok("a");

    private final Routes<Object> routes = Routes.builder()
            .get("/api/inbox/conversations/{id}", (h, r) -> ApiResult.ok("byId"))
            .get("/api/inbox/conversations/search", (h, r) -> ApiResult.ok("search"))
            .delete("/api/inbox/conversations/{id}/labels/{labelId}", (h, r) -> A)
            .build();

    @Test
    void literalSegmentsBeatParameters() {
        var match = routes.match("GET", "/api/inbox/conversations/search").orElseThrow();
        assertThat(match.route().template()).isEqualTo("/api/inbox/conversations/search");
        assertThat(routes.match("GET", "/api/inbox/conversations/abc").orElseThrow().pathParameters())
                .isEqualTo(Map.of("id", "abc"));
    }

    @Test
    void extractsEveryParameterAndChecksTheMethod() {
        var match = routes.match("DELETE", "/api/inbox/conversations/c1/labels/l9").orElseThrow();
        assertThat(match.pathParameters()).isEqualTo(Map.of("id", "c1", "labelId", "l9"));
        assertThat(routes.match("POST", "/api/inbox/conversations/c1/labels/l9")).isEmpty();
        assertThat(routes.match("GET", "/api/inbox/conversations/")).isEmpty();
        assertThat(routes.match("GET", "/api/inbox/conversations/a/b")).isEmpty();
    }

    @Test
    void routeKeysAreApiGatewayRouteKeys() {
        assertThat(routes.keys()).containsExactlyInAnyOrder(
                "GET /api/inbox/conversations/{id}",
                "GET /api/inbox/conversations/search",
                "DELETE /api/inbox/conversations/{id}/labels/{labelId}");
        assertThat(routes.byKey("GET /api/inbox/conversations/{id}")).isPresent();
    }

    @Test
    void aRouteDeclaredTwiceIsRefused() {
        assertThatThrownBy(() -> Routes.builder().get("/a", (h, r) -> A).get("/a", (h, r) -> A).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
