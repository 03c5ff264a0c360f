package com.unifiedbeez.inbox.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/**
 * A connected platform account of an organization (a WhatsApp phone number, a Facebook page, an
 * Instagram account, a Telegram bot, a Twilio number, a mailbox), with its secrets decrypted.
 *
 * @param externalId the platform's id of our side: phone-number id, page id, Instagram account id,
 *                   bot id, Twilio number (E.164), mailbox address
 * @param config     non-secret settings (wabaId, smtpHost, ...)
 * @param secrets    decrypted credentials; never serialized, never logged
 */
public record ChannelConnection(UUID id, UUID organizationId, Channel channel, String externalId, String name,
                                String status, JsonNode config, Secrets secrets) {
    public ChannelConnection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(externalId, "externalId");
        secrets = secrets == null ? Secrets.NONE : secrets;
    }

    /** A non-secret setting, or null. */
    public String setting(String name) {
        JsonNode value = config == null ? null : config.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public String toString() {
        return "ChannelConnection[" + channel.wireName() + " " + externalId + " " + id + "]";
    }
}
