package com.unifiedbeez.inbox.platform.auth;

public enum Role {
    AGENT, ADMIN;

    public static Role fromClaim(String value) {
        return switch (value == null ? "" : value) {
            case "agent" -> AGENT;
            case "admin" -> ADMIN;
            default -> null;
        };
    }
}
