package com.unifiedbeez.inbox.channel.whatsapp;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Connections and Meta's documented payloads (events/webhooks/whatsapp). */
final class WhatsAppTestData {
    static final Path FIXTURES = Path.of("../events/webhooks/whatsapp");
    /** The business number and customer of Meta's documented text example, used by every fixture. */
    static final String PHONE_NUMBER_ID = "106540352242922";
    static final String WABA_ID = "102290129340398";
    static final String CUSTOMER = "16505551234";
    static final String TOKEN = "EAAJtest-access-token-0123456789";

    private WhatsAppTestData() {
    }

    static ChannelConnection connection(String phoneNumberId) {
        return new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), Channel.WHATSAPP, phoneNumberId,
                "Support " + phoneNumberId, "active", Json.mapper().createObjectNode().put("wabaId", WABA_ID),
                new Secrets(Map.of(MetaGraph.ACCESS_TOKEN, TOKEN)));
    }

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
