package com.unifiedbeez.inbox.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ConnectionStore#listLive}: what the email poller polls, a mailbox in error included. */
class ActiveConnectionsTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final ConnectionStore store = new ConnectionStore(new Database(TestDatabase.dataSource()),
            new CredentialCipher(TestDatabase.config()));

    @Test
    void liveConnectionsOfTheChannelComeDecrypted() {
        UUID org = fx.organization("Acme");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        UUID active = fx.channelConnection(org, Channel.EMAIL, "active-" + suffix + "@acme.test",
                "{\"imapHost\":\"imap.acme.test\"}", Map.of("password", "p1"));
        UUID failing = fx.channelConnection(org, Channel.EMAIL, "error-" + suffix + "@acme.test", "{}", Map.of("password", "p2"));
        fx.exec("UPDATE channel_connections SET status = 'error' WHERE id = ?", failing);
        UUID gone = fx.channelConnection(org, Channel.EMAIL, "gone-" + suffix + "@acme.test", "{}", Map.of("password", "p3"));
        fx.exec("UPDATE channel_connections SET status = 'disconnected' WHERE id = ?", gone);
        fx.channelConnection(org, Channel.TELEGRAM, "bot-" + suffix, "{}", Map.of("botToken", "t"));

        var mine = store.listLive(Channel.EMAIL).stream().filter(c -> c.organizationId().equals(org)).toList();

        assertThat(mine).extracting(ChannelConnection::id).containsExactlyInAnyOrder(active, failing);
        mine = mine.stream().filter(c -> c.id().equals(active)).toList();
        assertThat(mine.get(0).secrets().require("password")).isEqualTo("p1");
        assertThat(mine.get(0).setting("imapHost")).isEqualTo("imap.acme.test");
        assertThat(store.listLive(Channel.EMAIL)).allSatisfy(c -> {
            assertThat(c.channel()).isEqualTo(Channel.EMAIL);
            assertThat(c.status()).isIn("active", "error");
        });
    }
}
