package com.unifiedbeez.inbox.connection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;

/**
 * A validated connect request: the platform account ({@code externalId}), its non-secret settings
 * and its credentials. Secrets keep the record's toString free of values.
 */
public record NewConnection(Channel channel, String externalId, String name, ObjectNode config, Secrets secrets) {
}
