package com.unifiedbeez.inbox.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Who is calling, as the database says: the token's {@code sub} must be an active (not
 * deactivated) member of its {@code org_id}, and the role is the member's role in the users table,
 * whatever the token's {@code role} claim says. So a removed, deactivated or demoted agent loses
 * access within {@link #DEFAULT_TTL} of the change, not when their token expires.
 *
 * <p>The answer is cached per container ({@value #CACHE_SECONDS}, default 5 s; 0 turns the cache
 * off), absent members included, so a burst of requests costs one primary-key look-up.
 */
@Singleton
public final class CallerResolver {
    /** How long a membership answer is reused, in seconds. */
    public static final String CACHE_SECONDS = "INBOX_CALLER_CACHE_SECONDS";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 10_000;
    /** One answer for every refusal: a caller learns nothing about which organizations or users exist. */
    private static final String NOT_A_MEMBER = "the token's user is not an active member of its organization";

    private record Member(UUID userId, UUID organizationId) {
    }

    private final Database database;
    private final Cache<Member, Optional<Role>> roles;

    @Inject
    public CallerResolver(Database database, Config config) {
        this(database, Duration.ofSeconds(config.intValue(CACHE_SECONDS, (int) DEFAULT_TTL.toSeconds())));
    }

    public CallerResolver(Database database, Duration ttl) {
        this.database = database;
        this.roles = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
    }

    /**
     * The caller of a request from its verified token claims; 401 when the claims do not name an
     * active member of the organization.
     */
    public Caller resolve(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            throw ApiException.unauthorized("no verified token claims on the request");
        }
        UUID user = Ids.parse(claims.get(Caller.CLAIM_USER))
                .orElseThrow(() -> ApiException.unauthorized("token claim 'sub' is not a user id"));
        UUID organization = Ids.parse(claims.get(Caller.CLAIM_ORGANIZATION))
                .orElseThrow(() -> ApiException.unauthorized("token claim 'org_id' is not an organization id"));
        Member member = new Member(user, organization);
        Optional<Role> role = roles == null ? lookUp(member) : roles.get(member, this::lookUp);
        return new Caller(user, organization, role.orElseThrow(() -> ApiException.unauthorized(NOT_A_MEMBER)));
    }

    private Optional<Role> lookUp(Member member) {
        return database.read(c -> Sql.one(c, """
                SELECT role FROM users WHERE id = ? AND organization_id = ? AND deactivated_at IS NULL""",
                row -> Role.fromClaim(row.getString("role")), member.userId(), member.organizationId()));
    }
}
