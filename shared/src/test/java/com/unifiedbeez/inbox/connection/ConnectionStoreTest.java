package com.unifiedbeez.inbox.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Channel connections on the real schema: live look-ups, decryption, tenancy, health and disconnection. */
class ConnectionStoreTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final ConnectionStore store = new ConnectionStore(new Database(TestDatabase.dataSource()),
            new CredentialCipher(TestDatabase.config()));
    private final UUID org = fx.organization("Acme");
    private final String phone = "1" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L);

    @Test
    void findLiveDecryptsTheCredentials() {
        UUID id = fx.channelConnection(org, Channel.WHATSAPP, phone, "{\"wabaId\":\"42\"}", Map.of("accessToken", "EAAG-1"));
        ChannelConnection found = store.findLive(Channel.WHATSAPP, phone).orElseThrow();
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.organizationId()).isEqualTo(org);
        assertThat(found.secrets().require("accessToken")).isEqualTo("EAAG-1");
        assertThat(found.setting("wabaId")).isEqualTo("42");
        assertThat(store.findLive(Channel.SMS, phone)).as("another channel").isEmpty();
    }

    @Test
    void findLiveIgnoresADisconnectedConnectionWhoseCredentialsAreGone() {
        UUID id = fx.channelConnection(org, Channel.WHATSAPP, phone, "{}", Map.of("accessToken", "EAAG-2"));
        assertThat(store.disconnect(org, id, Instant.now())).isTrue();
        assertThat(store.findLive(Channel.WHATSAPP, phone)).isEmpty();
        ChannelConnection kept = store.find(id).orElseThrow();
        assertThat(kept.status()).isEqualTo("disconnected");
        assertThat(kept.secrets().values()).isEmpty();
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ? AND credentials_encrypted IS NULL", id)).isEqualTo(1);
    }

    @Test
    void anotherOrganizationNeitherFindsNorDisconnects() {
        UUID id = fx.channelConnection(org, Channel.TELEGRAM, phone, "{}", Map.of("botToken", "1:x"));
        UUID globex = fx.organization("Globex");
        assertThat(store.find(globex, id)).isEmpty();
        assertThat(store.disconnect(globex, id, Instant.now())).isFalse();
        assertThat(store.views(globex)).isEmpty();
        assertThat(store.find(org, id)).isPresent();
    }

    @Test
    void aClaimIsTheLiveConnectionAnywhereOrTheOrganizationsOwnDisconnectedOne() {
        UUID globex = fx.organization("Globex");
        UUID old = fx.channelConnection(org, Channel.SMS, "+" + phone, "{}", Map.of("authToken", "t"));
        store.disconnect(org, old, Instant.now());
        assertThat(store.claim(Channel.SMS, "+" + phone, org)).contains(new ConnectionStore.Claim(old, org, false));
        assertThat(store.claim(Channel.SMS, "+" + phone, globex)).as("another organization's past is not a claim").isEmpty();
        UUID theirs = fx.channelConnection(globex, Channel.SMS, "+" + phone, "{}", Map.of("authToken", "t"));
        assertThat(store.claim(Channel.SMS, "+" + phone, org)).contains(new ConnectionStore.Claim(theirs, globex, true));
    }

    @Test
    void aMembersCheckIsRecordedButNeverMovesTheStatus() {
        UUID id = fx.channelConnection(org, Channel.MESSENGER, phone, "{}", Map.of("accessToken", "p"));
        HealthReport failed = HealthReport.of(List.of(new HealthReport.Check("token", false, "Invalid OAuth access token")));
        for (int i = 0; i < ConnectionStore.FAILURES_TO_ERROR + 1; i++) {
            store.recordCheck(org, id, failed, Instant.now());
        }
        ConnectionView view = store.views(org).get(0);
        assertThat(view.status()).isEqualTo("active");
        assertThat(view.lastHealthStatus()).isEqualTo("failed");
        assertThat(view.lastHealthDetail()).isEqualTo("token: Invalid OAuth access token");
        assertThat(fx.count("SELECT consecutive_failures FROM channel_connections WHERE id = ?", id)).isZero();
        store.recordCheck(org, id, HealthReport.of(List.of(new HealthReport.Check("token", true, "ok"))), Instant.now());
        assertThat(store.views(org).get(0).lastHealthStatus()).isEqualTo("ok");
    }

    @Test
    void theThirdObservedFailureInARowMakesItErrorAndASuccessMakesItActive() {
        UUID id = fx.channelConnection(org, Channel.EMAIL, phone + "@example.test", "{}", Map.of("password", "p"));
        var connection = store.find(org, id).orElseThrow();
        assertThat(store.recordObserved(connection, false, "timeout", Instant.now()))
                .isEqualTo(new ConnectionStore.Observed("active", 1));
        assertThat(store.recordObserved(connection, true, "INBOX read", Instant.now()))
                .as("a success in between starts the count again").isEqualTo(new ConnectionStore.Observed("active", 0));
        store.recordObserved(connection, false, "timeout", Instant.now());
        store.recordObserved(connection, false, "timeout", Instant.now());
        assertThat(store.views(org).get(0).status()).isEqualTo("active");
        assertThat(store.recordObserved(connection, false, "timeout", Instant.now()))
                .isEqualTo(new ConnectionStore.Observed("error", 3));
        assertThat(store.views(org).get(0).lastHealthStatus()).isEqualTo("failed");
        assertThat(store.recordObserved(connection, true, "INBOX read", Instant.now()))
                .isEqualTo(new ConnectionStore.Observed("active", 0));

        store.disconnect(org, id, Instant.now());
        assertThat(store.recordObserved(connection, true, "INBOX read", Instant.now()).status()).isEqualTo("disconnected");
        store.recordCheck(org, id, HealthReport.of(List.of(new HealthReport.Check("token", true, "ok"))), Instant.now());
        assertThat(store.views(org).get(0).status()).isEqualTo("disconnected");
    }

    @Test
    void viewsLeaveOutAnySettingThatNamesASecret() {
        fx.channelConnection(org, Channel.EMAIL, phone + "@example.test",
                "{\"imapHost\":\"imap.example.test\",\"password\":\"p\",\"apiToken\":\"t\",\"clientSecret\":\"s\"}", Map.of());
        ConnectionView view = store.views(org).get(0);
        assertThat(view.config().fieldNames()).toIterable().containsExactly("imapHost");
    }
}
