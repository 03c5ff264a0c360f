package com.unifiedbeez.inbox.platform.auth;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.util.Map;
import java.util.UUID;

/**
 * Who is calling: read from the JWT claims that API Gateway's authorizer verified
 * ({@code requestContext.authorizer.jwt.claims}). Every query is scoped by {@link #organizationId()}.
 */
public record Caller(UUID userId, UUID organizationId, Role role) {
    public static final String CLAIM_USER = "sub";
    public static final String CLAIM_ORGANIZATION = "org_id";
    public static final String CLAIM_ROLE = "role";

    public static Caller fromClaims(Map<String, String> claims) {
        if (claims == null || claims.isEmpty()) {
            throw ApiException.unauthorized("no verified token claims on the request");
        }
        UUID user = Ids.parse(claims.get(CLAIM_USER))
                .orElseThrow(() -> ApiException.unauthorized("token claim 'sub' is not a user id"));
        UUID organization = Ids.parse(claims.get(CLAIM_ORGANIZATION))
                .orElseThrow(() -> ApiException.unauthorized("token claim 'org_id' is not an organization id"));
        Role role = Role.fromClaim(claims.get(CLAIM_ROLE));
        if (role == null) {
            throw ApiException.unauthorized("token claim 'role' must be 'agent' or 'admin'");
        }
        return new Caller(user, organization, role);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("this action needs the admin role");
        }
    }
}
