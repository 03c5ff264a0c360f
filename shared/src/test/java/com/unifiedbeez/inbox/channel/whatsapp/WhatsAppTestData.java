package com.unifiedbeez.inbox.channel.whatsapp;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.channel.meta.MetaGraph;
import com.unifiedbeez.inbox.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Connections, an in-memory directory and Meta's documented payloads (events/webhooks/whatsapp). */
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

    /** findLive over a fixed set of connections, counting lookups. */
    static final class Directory implements ConnectionDirectory {
        private final Map<String, ChannelConnection> byExternalId;
        int lookups;

        Directory(List<ChannelConnection> connections) {
            this.byExternalId = connections.stream()
                    .collect(Collectors.toMap(ChannelConnection::externalId, Function.identity()));
        }

        @Override
        public Optional<ChannelConnection> findLive(Channel channel, String externalId) {
            lookups++;
            return Optional.ofNullable(channel == Channel.WHATSAPP ? byExternalId.get(externalId) : null);
        }

        @Override
        public Optional<ChannelConnection> find(UUID id) {
            return byExternalId.values().stream().filter(c -> c.id().equals(id)).findFirst();
        }
    }

    static String fixture(String name) {
        try {
            return Files.readString(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
