package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mailbox health against real IMAP and SMTP logins (GreenMail). */
class EmailProbeTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    /** GreenMail is on 127.0.0.1: private hosts allowed, as in the tests and the local runtime. */
    private final EmailProbe probe = new EmailProbe(new MailHosts(true, java.net.InetAddress::getAllByName));
    private final String mailbox = MailTestbed.mailbox("support");

    private ChannelConnection connection(String password) throws Exception {
        GREENMAIL.setUser(mailbox, mailbox, "imap-secret");
        return new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL, mailbox, "Acme mail", "active",
                Json.mapper().readTree(MailTestbed.config(GREENMAIL, mailbox)), new Secrets(Map.of("password", password)));
    }

    @Test
    void rightCredentialsOpenInboxAndLogIntoSmtp() throws Exception {
        HealthReport report = probe.check(connection("imap-secret"));

        assertThat(report.healthy()).isTrue();
        assertThat(report.checks()).extracting(Check::name).containsExactly("imap-login", "smtp-login");
        assertThat(report.checks().get(0).detail()).contains("INBOX opened");
        assertThat(report.checks().get(1).detail()).startsWith("235");
        assertThat(report.summary()).isEqualTo("ok");
    }

    @Test
    void aWrongPasswordFailsBothLoginsWithTheServersAnswerAndNoSecret() throws Exception {
        HealthReport report = probe.check(connection("guessed-wrong"));

        assertThat(report.healthy()).isFalse();
        assertThat(report.checks()).allSatisfy(c -> {
            assertThat(c.ok()).isFalse();
            assertThat(c.detail()).isNotBlank().doesNotContain("guessed-wrong").doesNotContain("imap-secret");
        });
        assertThat(report.summary()).startsWith("imap-login: ");
    }

    @Test
    void aConnectionWithoutServersFailsItsConfigCheck() {
        ChannelConnection bare = new ChannelConnection(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL, mailbox,
                "Acme mail", "active", Json.mapper().createObjectNode(), new Secrets(Map.of("password", "p")));

        HealthReport report = probe.check(bare);

        assertThat(report.healthy()).isFalse();
        assertThat(report.summary()).contains("imapHost");
    }
}
