package com.unifiedbeez.inbox.local.seed;

import java.util.UUID;

/** A seeded user, known by a fixed id so dev tokens and docs stay valid across fresh starts. */
public record DemoUser(UUID id, UUID organizationId, String organizationName, String name, String email, String role) {
    public boolean isAdmin() {
        return "admin".equals(role);
    }

    /** "Sam Agent" -> "sam": a short handle for scripts and shell variables. */
    public String handle() {
        return name.split(" ")[0].toLowerCase(java.util.Locale.ROOT);
    }
}
