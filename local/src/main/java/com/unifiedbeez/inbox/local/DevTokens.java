package com.unifiedbeez.inbox.local;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.unifiedbeez.inbox.local.gateway.JwtAuthorizer;
import com.unifiedbeez.inbox.local.seed.DemoUser;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Dev tokens for the local runtime: HS256 JWTs with the claims API Gateway's authorizer checks
 * ({@code iss} {@value JwtAuthorizer#LOCAL_ISSUER}, {@code aud} {@value JwtAuthorizer#LOCAL_AUDIENCE},
 * {@code exp}) and passes on ({@code sub} = user id, {@code org_id}, {@code role} = agent | admin,
 * {@code name}).
 * The secret is {@code INBOX_JWT_SECRET} (environment or system property), by default
 * {@value #DEFAULT_SECRET} — for local use only.
 */
public final class DevTokens {
    /** The documented local default; never a deployed secret. */
    public static final String DEFAULT_SECRET = "local-dev-secret-change-me-at-least-32-bytes";
    /** The local authorizer's issuer and audience (the template's JwtIssuer and JwtAudience, locally). */
    public static final String ISSUER = JwtAuthorizer.LOCAL_ISSUER;
    public static final String AUDIENCE = JwtAuthorizer.LOCAL_AUDIENCE;
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);

    private DevTokens() {
    }

    /** The secret the local runtime verifies with: INBOX_JWT_SECRET, else the documented default. */
    public static String secret() {
        return Config.fromEnvironment().get(Config.JWT_SECRET).orElse(DEFAULT_SECRET);
    }

    /** A token for a demo user, valid for 30 days. */
    public static String mint(String secret, DemoUser user) {
        return mint(secret, user.id(), user.organizationId(), user.role(), user.name(), Instant.now().plus(DEFAULT_TTL));
    }

    public static String mint(String secret, UUID userId, UUID organizationId, String role, String name,
                              Instant expiresAt) {
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject(userId.toString())
                .withClaim(Caller.CLAIM_ORGANIZATION, organizationId.toString())
                .withClaim(Caller.CLAIM_ROLE, role)
                .withClaim("name", name)
                .withIssuedAt(Instant.now())
                .withExpiresAt(expiresAt)
                .sign(Algorithm.HMAC256(secret));
    }
}
