package com.unifiedbeez.inbox.connection;

/** A connect's outcome: {@code created} is false when an existing connection of the organization was renewed. */
public record Connected(ConnectionView connection, boolean created) {
}
