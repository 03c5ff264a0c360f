package com.unifiedbeez.inbox.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.platform.auth.CallerResolver;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.lambda.Priming;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priming warms the route itself, not only the membership check its synthetic caller fails. */
class HttpDispatcherPrimingTest {
    private final List<ApiRequest> served = new ArrayList<>();
    private final Routes<HttpDispatcherPrimingTest> routes = Routes.<HttpDispatcherPrimingTest>builder()
            .get("/things", (h, r) -> {
                h.served.add(r);
                return ApiResult.ok(Map.of());
            })
            .build();
    private final CallerResolver callers = new CallerResolver(new Database(TestDatabase.dataSource()), Duration.ZERO);

    @Test
    void theSyntheticCallerIsNoMemberSoARequestOfItsIsRefused() {
        var answer = HttpDispatcher.dispatch(routes, this,
                Priming.syntheticGet("GET /things", "/things", Map.of("q", "priming")), callers);

        assertThat(answer.getStatusCode()).isEqualTo(401);
        assertThat(served).isEmpty();
    }

    @Test
    void primingRunsTheRouteOnceAsTheSyntheticCallerWithItsQuery() {
        HttpDispatcher.prime(routes, this, Priming.syntheticGet("GET /things", "/things", Map.of("q", "priming")),
                callers, Priming.CALLER);

        assertThat(served).singleElement().satisfies(request -> {
            assertThat(request.caller()).isEqualTo(Priming.CALLER);
            assertThat(request.queryParameter("q")).contains("priming");
        });
    }
}
