package com.unifiedbeez.inbox.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable<String> table = new RouteTable<String>()
            .add("GET", "/api/inbox/conversations", "list")
            .add("POST", "/api/inbox/conversations", "create")
            .add("GET", "/api/inbox/conversations/search", "search")
            .add("GET", "/api/inbox/conversations/{id}", "get")
            .add("PATCH", "/api/inbox/conversations/{id}/status", "status")
            .add("DELETE", "/api/inbox/conversations/{id}/labels/{labelId}", "unlabel")
            .add("ANY", "/api/media/{proxy+}", "media")
            .add("GET", "/api/media/thumbnails/{size}", "thumbnail");

    @Test
    void literalSegmentBeatsParameter() {
        var search = table.match("GET", "/api/inbox/conversations/search").orElseThrow();
        assertThat(search.target()).isEqualTo("search");
        assertThat(search.pathParameters()).isEmpty();
        assertThat(search.routeKey()).isEqualTo("GET /api/inbox/conversations/search");

        var byId = table.match("GET", "/api/inbox/conversations/0190abcd").orElseThrow();
        assertThat(byId.target()).isEqualTo("get");
        assertThat(byId.pathParameters()).isEqualTo(Map.of("id", "0190abcd"));
        assertThat(byId.routeKey()).isEqualTo("GET /api/inbox/conversations/{id}");
    }

    @Test
    void literalBeatsParameterWhateverTheDeclarationOrder() {
        RouteTable<String> reversed = new RouteTable<String>()
                .add("GET", "/a/{id}", "param")
                .add("GET", "/a/b", "literal");
        assertThat(reversed.match("GET", "/a/b").orElseThrow().target()).isEqualTo("literal");
        assertThat(reversed.match("GET", "/a/c").orElseThrow().target()).isEqualTo("param");
    }

    @Test
    void severalParameters() {
        var m = table.match("DELETE", "/api/inbox/conversations/c1/labels/l2").orElseThrow();
        assertThat(m.target()).isEqualTo("unlabel");
        assertThat(m.pathParameters()).isEqualTo(Map.of("id", "c1", "labelId", "l2"));
    }

    @Test
    void greedyProxyTakesTheRestOfThePath() {
        var m = table.match("PUT", "/api/media/2024/06/photo%20one.jpg").orElseThrow();
        assertThat(m.target()).isEqualTo("media");
        assertThat(m.pathParameters()).isEqualTo(Map.of("proxy", "2024/06/photo one.jpg"));
        assertThat(m.routeKey()).isEqualTo("ANY /api/media/{proxy+}");
        assertThat(table.match("GET", "/api/media/one").orElseThrow().pathParameters()).containsEntry("proxy", "one");
    }

    @Test
    void greedyProxyLosesToMoreSpecificRoutesAndNeedsOneSegment() {
        assertThat(table.match("GET", "/api/media/thumbnails/64").orElseThrow().target()).isEqualTo("thumbnail");
        // not GET: the specific route does not apply, the greedy ANY does
        assertThat(table.match("POST", "/api/media/thumbnails/64").orElseThrow().target()).isEqualTo("media");
        assertThat(table.match("GET", "/api/media")).isEmpty();
        assertThat(table.match("GET", "/api/media/")).isEmpty();
    }

    @Test
    void methodMustMatch() {
        assertThat(table.match("DELETE", "/api/inbox/conversations")).isEmpty();
        assertThat(table.match("POST", "/api/inbox/conversations/search")).isEmpty();
        assertThat(table.match("post", "/api/inbox/conversations").orElseThrow().target()).isEqualTo("create");
        assertThat(table.match("GET", "/api/inbox/conversations/x/status")).isEmpty();
    }

    @Test
    void ownMethodBeatsAnyOnTheSamePath() {
        RouteTable<String> t = new RouteTable<String>()
                .add("ANY", "/x/{id}", "any")
                .add("GET", "/x/{id}", "get");
        assertThat(t.match("GET", "/x/1").orElseThrow().target()).isEqualTo("get");
        assertThat(t.match("DELETE", "/x/1").orElseThrow().target()).isEqualTo("any");
    }

    @Test
    void unknownPathsDoNotMatchAndDefaultRouteCatchesThem() {
        assertThat(table.match("GET", "/api/inbox/nothing")).isEmpty();
        assertThat(table.match("GET", "/api/inbox/conversations/")).isEmpty();
        assertThat(table.match("GET", "/api/inbox/conversations/a/b")).isEmpty();

        RouteTable<String> withDefault = new RouteTable<String>().add("GET", "/a", "a").add("ANY", "$default", "fallback");
        assertThat(withDefault.match("GET", "/a").orElseThrow().target()).isEqualTo("a");
        var fallback = withDefault.match("PUT", "/zzz").orElseThrow();
        assertThat(fallback.target()).isEqualTo("fallback");
        assertThat(fallback.routeKey()).isEqualTo("$default");
    }

    @Test
    void rejectsDuplicateAndMisplacedGreedyRoutes() {
        assertThatThrownBy(() -> new RouteTable<String>().add("GET", "/a", "1").add("get", "/a", "2"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new RouteTable<String>().add("GET", "/a/{p+}/b", "1"))
                .hasMessageContaining("last segment");
    }
}
