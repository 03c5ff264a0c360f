package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Map;

/** POST .../channels/whatsapp: a WhatsApp Business (Cloud API) phone number of a WhatsApp Business Account. */
public record ConnectWhatsApp(String phoneNumberId, String accessToken, String wabaId, String name) implements ConnectRequest {
    @Override
    public NewConnection validated() {
        Validation v = new Validation();
        String phoneNumber = ConnectFields.digits(v, "phoneNumberId", phoneNumberId);
        String token = ConnectFields.secret(v, "accessToken", accessToken);
        String waba = ConnectFields.digits(v, "wabaId", wabaId);
        String label = ConnectFields.name(v, name, "WhatsApp " + phoneNumber);
        v.throwIfInvalid();
        return new NewConnection(Channel.WHATSAPP, phoneNumber, label, Json.mapper().createObjectNode().put("wabaId", waba),
                new Secrets(Map.of("accessToken", token)));
    }

    /** Never the secret: a logged request must not leak it. */
    @Override
    public String toString() {
        return "ConnectWhatsApp[" + phoneNumberId + ", accessToken redacted]";
    }
}
