package com.unifiedbeez.inbox.platform.auth;

import com.unifiedbeez.inbox.platform.errors.ApiException;
import java.util.UUID;

/**
 * Who is calling: the user and organization of the JWT that API Gateway's authorizer verified
 * ({@code requestContext.authorizer.jwt.claims}), confirmed against the database with the role the
 * database gives them ({@link CallerResolver}). Every query is scoped by {@link #organizationId()}.
 */
public record Caller(UUID userId, UUID organizationId, Role role) {
    public static final String CLAIM_USER = "sub";
    public static final String CLAIM_ORGANIZATION = "org_id";
    /** Informational only: the role that counts is the database's. */
    public static final String CLAIM_ROLE = "role";

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiException.forbidden("this action needs the admin role");
        }
    }
}
