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
class ConnectionRepositoryTest {
    private final Fixtures fx = Fixtures.onTestDatabase();
    private final ConnectionRepository repository = new ConnectionRepository(new Database(TestDatabase.dataSource()),
            new CredentialCipher(TestDatabase.config()));
    private final UUID org = fx.organization("Acme");
    private final String phone = "1" + Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000_000L);

    @Test
    void findLiveDecryptsTheCredentials() {
        UUID id = fx.channelConnection(org, Channel.WHATSAPP, phone, "{\"wabaId\":\"42\"}", Map.of("accessToken", "EAAG-1"));
        ChannelConnection found = repository.findLive(Channel.WHATSAPP, phone).orElseThrow();
        assertThat(found.id()).isEqualTo(id);
        assertThat(found.organizationId()).isEqualTo(org);
        assertThat(found.secrets().require("accessToken")).isEqualTo("EAAG-1");
        assertThat(found.setting("wabaId")).isEqualTo("42");
        assertThat(repository.findLive(Channel.SMS, phone)).as("another channel").isEmpty();
    }

    @Test
    void findLiveIgnoresADisconnectedConnectionWhoseCredentialsAreGone() {
        UUID id = fx.channelConnection(org, Channel.WHATSAPP, phone, "{}", Map.of("accessToken", "EAAG-2"));
        assertThat(repository.disconnect(org, id, Instant.now())).isTrue();
        assertThat(repository.findLive(Channel.WHATSAPP, phone)).isEmpty();
        ChannelConnection kept = repository.find(id).orElseThrow();
        assertThat(kept.status()).isEqualTo("disconnected");
        assertThat(kept.secrets().values()).isEmpty();
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE id = ? AND credentials_encrypted IS NULL", id)).isEqualTo(1);
    }

    @Test
    void anotherOrganizationNeitherFindsNorDisconnects() {
        UUID id = fx.channelConnection(org, Channel.TELEGRAM, phone, "{}", Map.of("botToken", "1:x"));
        UUID globex = fx.organization("Globex");
        assertThat(repository.find(globex, id)).isEmpty();
        assertThat(repository.disconnect(globex, id, Instant.now())).isFalse();
        assertThat(repository.views(globex)).isEmpty();
        assertThat(repository.find(org, id)).isPresent();
    }

    @Test
    void aClaimIsTheLiveConnectionAnywhereOrTheOrganizationsOwnDisconnectedOne() {
        UUID globex = fx.organization("Globex");
        UUID old = fx.channelConnection(org, Channel.SMS, "+" + phone, "{}", Map.of("authToken", "t"));
        repository.disconnect(org, old, Instant.now());
        assertThat(repository.claim(Channel.SMS, "+" + phone, org)).contains(new ConnectionRepository.Claim(old, org, false));
        assertThat(repository.claim(Channel.SMS, "+" + phone, globex)).as("another organization's past is not a claim").isEmpty();
        UUID theirs = fx.channelConnection(globex, Channel.SMS, "+" + phone, "{}", Map.of("authToken", "t"));
        assertThat(repository.claim(Channel.SMS, "+" + phone, org)).contains(new ConnectionRepository.Claim(theirs, globex, true));
    }

    @Test
    void aMembersCheckIsRecordedButNeverMovesTheStatus() {
        UUID id = fx.channelConnection(org, Channel.MESSENGER, phone, "{}", Map.of("accessToken", "p"));
        HealthReport failed = HealthReport.of(List.of(new HealthReport.Check("token", false, "Invalid OAuth access token")));
        for (int i = 0; i < ConnectionRepository.FAILURES_TO_ERROR + 1; i++) {
            repository.recordCheck(org, id, failed, Instant.now());
        }
        ConnectionView view = repository.views(org).get(0);
        assertThat(view.status()).isEqualTo("active");
        assertThat(view.lastHealthStatus()).isEqualTo("failed");
        assertThat(view.lastHealthDetail()).isEqualTo("token: Invalid OAuth access token");
        assertThat(fx.count("SELECT consecutive_failures FROM channel_connections WHERE id = ?", id)).isZero();
        repository.recordCheck(org, id, HealthReport.of(List.of(new HealthReport.Check("token", true, "ok"))), Instant.now());
        assertThat(repository.views(org).get(0).lastHealthStatus()).isEqualTo("ok");
    }

    @Test
    void theThirdObservedFailureInARowMakesItErrorAndASuccessMakesItActive() {
        UUID id = fx.channelConnection(org, Channel.EMAIL, phone + "@example.test", "{}", Map.of("password", "p"));
        var connection = repository.find(org, id).orElseThrow();
        assertThat(repository.recordObserved(connection, false, "timeout", Instant.now()))
                .isEqualTo(new ConnectionRepository.Observed("active", 1));
        assertThat(repository.recordObserved(connection, true, "INBOX read", Instant.now()))
                .as("a success in between starts the count again").isEqualTo(new ConnectionRepository.Observed("active", 0));
        repository.recordObserved(connection, false, "timeout", Instant.now());
        repository.recordObserved(connection, false, "timeout", Instant.now());
        assertThat(repository.views(org).get(0).status()).isEqualTo("active");
        assertThat(repository.recordObserved(connection, false, "timeout", Instant.now()))
                .isEqualTo(new ConnectionRepository.Observed("error", 3));
        assertThat(repository.views(org).get(0).lastHealthStatus()).isEqualTo("failed");
        assertThat(repository.recordObserved(connection, true, "INBOX read", Instant.now()))
                .isEqualTo(new ConnectionRepository.Observed("active", 0));

        repository.disconnect(org, id, Instant.now());
        assertThat(repository.recordObserved(connection, true, "INBOX read", Instant.now()).status()).isEqualTo("disconnected");
        repository.recordCheck(org, id, HealthReport.of(List.of(new HealthReport.Check("token", true, "ok"))), Instant.now());
        assertThat(repository.views(org).get(0).status()).isEqualTo("disconnected");
    }

    @Test
    void viewsLeaveOutAnySettingThatNamesASecret() {
        fx.channelConnection(org, Channel.EMAIL, phone + "@example.test",
                "{\"imapHost\":\"imap.example.test\",\"password\":\"p\",\"apiToken\":\"t\",\"clientSecret\":\"s\"}", Map.of());
        ConnectionView view = repository.views(org).get(0);
        assertThat(view.config().fieldNames()).toIterable().containsExactly("imapHost");
    }
}
