package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * POST .../channels/sms: a Twilio number of an account. Account SIDs are "AC" and 32 hex digits
 * (https://www.twilio.com/docs/glossary/what-is-a-sid); inbound webhooks name the number in "To".
 */
public record ConnectSms(String accountSid, String authToken, String phoneNumber, String name) implements ConnectRequest {
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    @Override
    public NewConnection validated() {
        Validation v = new Validation();
        String sid = ConnectFields.matching(v, "accountSid", accountSid, ACCOUNT_SID, "must be a Twilio account SID: AC and 32 hex digits");
        String token = ConnectFields.secret(v, "authToken", authToken);
        String number = ConnectFields.phone(v, "phoneNumber", phoneNumber);
        String label = ConnectFields.name(v, name, "SMS " + number);
        v.throwIfInvalid();
        return new NewConnection(Channel.SMS, number, label, Json.mapper().createObjectNode().put("accountSid", sid),
                new Secrets(Map.of("authToken", token)));
    }

    /** Never the secret: a logged request must not leak it. */
    @Override
    public String toString() {
        return "ConnectSms[" + accountSid + " " + phoneNumber + ", authToken redacted]";
    }
}
