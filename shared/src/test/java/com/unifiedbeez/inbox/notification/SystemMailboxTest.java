package com.unifiedbeez.inbox.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unifiedbeez.inbox.channel.email.MailServers;
import com.unifiedbeez.inbox.platform.config.Config;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The system mailbox as configured: the usual port of its security, a From address required, no password shown. */
class SystemMailboxTest {
    @Test
    void withoutAHostThereIsNone() {
        assertThat(SystemMailbox.of(Config.of(Map.of(SystemMailbox.FROM, "notifications@inbox.test")))).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "'',       '',   starttls, 587",
            "ssl,      '',   ssl,      465",
            "none,     '',   none,     25",
            "STARTTLS, 2525, starttls, 2525"})
    void thePortIsTheSecuritysUsualOneUnlessGiven(String security, String port, String expectedSecurity, int expectedPort) {
        SystemMailbox mailbox = SystemMailbox.of(Config.of(Map.of(SystemMailbox.HOST, "smtp.example.com",
                SystemMailbox.SECURITY, security, SystemMailbox.PORT, port,
                SystemMailbox.FROM, "notifications@inbox.test"))).orElseThrow();

        assertThat(mailbox.smtp()).isEqualTo(new MailServers.Server("smtp.example.com", expectedPort, expectedSecurity));
        assertThat(mailbox.username()).as("no login").isNull();
        assertThat(mailbox.fromName()).isEqualTo("UnifiedBeez Inbox");
    }

    @Test
    void aHostWithoutAFromAddressIsAConfigurationError() {
        assertThatThrownBy(() -> SystemMailbox.of(Config.of(Map.of(SystemMailbox.HOST, "smtp.example.com"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(SystemMailbox.FROM);
    }

    @Test
    void itsTextShowsTheLoginButNotThePassword() {
        SystemMailbox mailbox = SystemMailbox.of(Config.of(Map.of(SystemMailbox.HOST, "email-smtp.eu-west-2.amazonaws.com",
                SystemMailbox.USERNAME, "AKIAEXAMPLE", SystemMailbox.PASSWORD, "s3cret-smtp-password",
                SystemMailbox.FROM, "notifications@inbox.test"))).orElseThrow();

        assertThat(mailbox.password()).isEqualTo("s3cret-smtp-password");
        assertThat(mailbox.toString()).contains("AKIAEXAMPLE").doesNotContain("s3cret");
    }
}
