package com.unifiedbeez.inbox.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.platform.db.DataSources;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token names the user; the users table says whether they may call and with which role. */
class CallerResolverTest {
    /** A function's pool (the tests' plain data source opens a connection per query). */
    private static HikariDataSource pool;
    private final Fixtures fx = Fixtures.onTestDatabase();
    private Database database;
    private CallerResolver uncached;
    private UUID org;

    @BeforeAll
    static void pool() {
        pool = DataSources.create(TestDatabase.config());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void given() {
        database = new Database(pool);
        uncached = new CallerResolver(database, Duration.ZERO);
        org = fx.organization("Acme");
    }

    private static Map<String, String> claims(UUID user, UUID organization, String role) {
        return Map.of(Caller.CLAIM_USER, user.toString(), Caller.CLAIM_ORGANIZATION, organization.toString(),
                Caller.CLAIM_ROLE, role);
    }

    private static void assertUnauthorized(CallerResolver resolver, Map<String, String> claims) {
        assertThatThrownBy(() -> resolver.resolve(claims)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.toProblem("/x").detail()).isEqualTo("the token's user is not an active member of its organization");
        });
    }

    @Test
    void theRoleComesFromTheDatabaseNotTheToken() {
        Caller sam = fx.user(org, "Sam", Role.AGENT);
        Caller resolved = uncached.resolve(claims(sam.userId(), org, "admin"));
        assertThat(resolved).isEqualTo(new Caller(sam.userId(), org, Role.AGENT));
        assertThat(uncached.resolve(Map.of(Caller.CLAIM_USER, sam.userId().toString(),
                Caller.CLAIM_ORGANIZATION, org.toString())).role()).as("no role claim at all").isEqualTo(Role.AGENT);

        fx.exec("UPDATE users SET role = 'admin' WHERE id = ?", sam.userId());
        assertThat(uncached.resolve(claims(sam.userId(), org, "agent")).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void aDeactivatedUnknownOrForeignUserIsRefusedAlike() {
        Caller sam = fx.user(org, "Sam", Role.AGENT);
        UUID globex = fx.organization("Globex");
        Caller grace = fx.user(globex, "Grace", Role.ADMIN);

        assertUnauthorized(uncached, claims(grace.userId(), org, "admin")); // another organization's user, forged org_id
        assertUnauthorized(uncached, claims(Ids.newId(), org, "agent")); // no such user
        assertUnauthorized(uncached, claims(sam.userId(), Ids.newId(), "agent")); // no such organization
        fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", sam.userId());
        assertUnauthorized(uncached, claims(sam.userId(), org, "agent"));
        fx.exec("DELETE FROM users WHERE id = ?", grace.userId());
        assertUnauthorized(uncached, claims(grace.userId(), globex, "admin"));
    }

    @Test
    void malformedClaimsAre401() {
        assertThatThrownBy(() -> uncached.resolve(Map.of())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> uncached.resolve(Map.of(Caller.CLAIM_USER, "nope", Caller.CLAIM_ORGANIZATION,
                org.toString()))).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> uncached.resolve(Map.of(Caller.CLAIM_USER, Ids.newId().toString())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void aCachedAnswerLastsItsTtlThenTheChangeApplies() {
        Caller ada = fx.user(org, "Ada", Role.ADMIN);
        CallerResolver cached = new CallerResolver(database, Duration.ofMillis(300));
        assertThat(cached.resolve(claims(ada.userId(), org, "admin")).role()).isEqualTo(Role.ADMIN);
        fx.exec("UPDATE users SET role = 'agent' WHERE id = ?", ada.userId());
        long demotedAt = System.nanoTime();
        Duration stale = Duration.ZERO;
        while (cached.resolve(claims(ada.userId(), org, "admin")).role() == Role.ADMIN) {
            stale = Duration.ofNanos(System.nanoTime() - demotedAt);
            assertThat(stale).as("demotion seen within the TTL").isLessThan(Duration.ofSeconds(5));
            Thread.onSpinWait();
        }
        assertThat(cached.resolve(claims(ada.userId(), org, "admin")).role()).isEqualTo(Role.AGENT);

        fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", ada.userId());
        long deactivatedAt = System.nanoTime();
        while (true) {
            try {
                cached.resolve(claims(ada.userId(), org, "agent"));
            } catch (ApiException e) {
                assertThat(e.status()).isEqualTo(401);
                break;
            }
            assertThat(Duration.ofNanos(System.nanoTime() - deactivatedAt)).isLessThan(Duration.ofSeconds(5));
            Thread.onSpinWait();
        }
    }

    /**
     * What the check costs per request, measured on the embedded PostgreSQL of the tests (the
     * figures are printed; the assertion only says the cache is the cheaper of the two).
     */
    @Test
    void perRequestCostWithAndWithoutTheCache() {
        Caller sam = fx.user(org, "Sam", Role.AGENT);
        Map<String, String> claims = claims(sam.userId(), org, "agent");
        CallerResolver cached = new CallerResolver(database, CallerResolver.DEFAULT_TTL);
        int warmUp = 1_000;
        int rounds = 3_000;
        measure(uncached, claims, warmUp);
        measure(cached, claims, warmUp);
        double bareMicros = measure(uncached, claims, rounds);
        double cachedMicros = measure(cached, claims, rounds);
        System.out.printf("caller check per request: %.1f µs with a database look-up each time, %.2f µs cached"
                + " (%d requests each, pool of one function)%n", bareMicros, cachedMicros, rounds);
        assertThat(cachedMicros).isLessThan(bareMicros);
    }

    private static double measure(CallerResolver resolver, Map<String, String> claims, int rounds) {
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            resolver.resolve(claims);
        }
        return (System.nanoTime() - start) / 1_000.0 / rounds;
    }
}
