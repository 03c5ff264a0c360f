package com.unifiedbeez.inbox.channel;


/**
 * One verified piece of a webhook delivery that belongs to one conversation: its connection, the
 * customer's platform id (wa_id, PSID, IGSID, chat id, phone number), and the platform payload
 * for that piece, still in the platform's own format (JSON, or form-encoded for Twilio).
 */
public record WebhookUnit(ChannelConnection connection, String customer, String payload) {
}
