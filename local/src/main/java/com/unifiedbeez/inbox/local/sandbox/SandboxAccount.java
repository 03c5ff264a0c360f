package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.channel.Channel;
import java.util.Map;
import java.util.UUID;

/**
 * A platform account that exists in the sandbox (a WhatsApp number, a Facebook page, an Instagram
 * account, a bot, a Twilio number, a mailbox) and the demo connection the seed makes for it.
 *
 * @param externalId the platform's id of the account, as stored in channel_connections.external_id
 * @param config     the connection's non-secret settings
 * @param secrets    the credentials the sandbox accepts; the seed stores them encrypted
 */
public record SandboxAccount(Channel channel, UUID connectionId, UUID organizationId, String name, String externalId,
                             Map<String, Object> config, Map<String, String> secrets) {
    public SandboxAccount {
        config = Map.copyOf(config);
        secrets = Map.copyOf(secrets);
    }

    /** A setting as text, or null. */
    public String setting(String key) {
        Object value = config.get(key);
        return value == null ? null : value.toString();
    }

    public String secret(String key) {
        return secrets.get(key);
    }

    @Override
    public String toString() {
        return "SandboxAccount[" + channel.wireName() + " " + externalId + "]"; // no secrets
    }
}
