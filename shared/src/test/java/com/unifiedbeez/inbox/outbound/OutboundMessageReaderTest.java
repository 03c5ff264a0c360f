package com.unifiedbeez.inbox.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the reader hands a sender, read from real PostgreSQL rows. */
class OutboundMessageReaderTest {
    private static final String BUCKET = LocalAws.createBucket(LocalAws.unique("media"));
    private static final Config CONFIG = LocalAws.config(TestDatabase.config()).with(S3MediaStorage.BUCKET, BUCKET);

    private final Database database = new Database(TestDatabase.dataSource());
    private final OutboundMessageReader reader =
            new OutboundMessageReader(new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), CONFIG));

    @Test
    void theCustomersLastMessageTimeComesFromTheConversation() {
        OutboundScenario given = new OutboundScenario(Channel.MESSENGER, "6783948573829103");
        Instant wrote = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        given.fx.inboundMessage(given.org, given.conversation, "Is my order on its way?", wrote);
        UUID reply = given.queued("It left yesterday.");

        OutboundMessage message = read(given, reply);

        assertThat(message.customerLastWroteAt()).isEqualTo(wrote);
        assertThat(message.to().identifier()).isEqualTo("6783948573829103");
        assertThat(message.text()).isEqualTo("It left yesterday.");
    }

    @Test
    void aConversationTheCustomerNeverWroteInHasNone() {
        OutboundScenario given = new OutboundScenario(Channel.INSTAGRAM, "5482719348201933");
        UUID first = given.queued("Hello from Acme");

        assertThat(given.fx.one("SELECT coalesce(last_inbound_at::text, 'none') FROM conversations WHERE id = ?",
                given.conversation)).isEqualTo("none");
        assertThat(read(given, first).customerLastWroteAt()).isNull();
    }

    private OutboundMessage read(OutboundScenario given, UUID messageId) {
        return database.read(c -> reader.read(c, given.org, messageId)).orElseThrow();
    }
}
