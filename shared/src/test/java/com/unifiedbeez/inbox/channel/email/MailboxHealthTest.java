package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mailbox's health as the poller sees it (real IMAP on GreenMail): one failed look stops nothing,
 * three failed polls in a row make the connection {@code error}, it is polled still, and the first
 * good poll makes it {@code active} again; the poller and the health check write one vocabulary.
 */
class MailboxHealthTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    private final MailTestbed bed = new MailTestbed();
    private final Database database = new Database(TestDatabase.dataSource());
    private final ConnectionStore connections = new ConnectionStore(database, new CredentialCipher(bed.config));
    private final EmailPoller poller = new EmailPoller(connections, new MailboxSyncStore(database),
            new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), bed.config),
            new SqsInboundQueue(LocalAws.sqs(), bed.config), new MailHosts(bed.config));

    @AfterEach
    void disconnect() {
        bed.disconnectAll();
    }

    private String state(UUID connection) {
        return bed.fx.one("SELECT status || '/' || last_health_status || '/' || consecutive_failures"
                + " FROM channel_connections WHERE id = ?", connection);
    }

    @Test
    void aMailboxWhoseLastCheckFailedOnceIsPolledStill() throws Exception {
        String address = MailTestbed.mailbox("support");
        GreenMailUser user = GREENMAIL.setUser(address, address, "right-password");
        UUID connection = bed.connection(address, MailTestbed.config(GREENMAIL, address), "right-password");
        // a member's health check that failed once (the platform hiccupped): seen, not routing state
        connections.recordCheck(bed.org, connection, HealthReport.of(List.of(
                new HealthReport.Check("imap-login", false, "Read timed out"))), Instant.now());
        assertThat(state(connection)).isEqualTo("active/failed/0");
        user.deliver(ThreadMails.other(address, "h.1@customer.test", "ann@customer.test"));

        poller.poll();

        assertThat(bed.drain()).singleElement().satisfies(e -> assertThat(e.connectionId()).isEqualTo(connection));
        assertThat(state(connection)).isEqualTo("active/ok/0");
    }

    @Test
    void threeFailedPollsInARowMakeItErrorItIsPolledStillAndRecovers() throws Exception {
        String address = MailTestbed.mailbox("support");
        GreenMailUser user = GREENMAIL.setUser(address, address, "right-password");
        UUID connection = bed.connection(address, MailTestbed.config(GREENMAIL, address), "right-password");
        user.setPassword("rotated-by-the-customer");

        poller.poll();
        assertThat(state(connection)).isEqualTo("active/failed/1");
        poller.poll();
        assertThat(state(connection)).isEqualTo("active/failed/2");
        poller.poll();
        assertThat(state(connection)).isEqualTo("error/failed/" + ConnectionStore.FAILURES_TO_ERROR);
        poller.poll();
        assertThat(state(connection)).as("still polled").isEqualTo("error/failed/4");

        user.setPassword("right-password");
        user.deliver(ThreadMails.other(address, "h.2@customer.test", "bob@customer.test"));
        poller.poll();

        assertThat(state(connection)).isEqualTo("active/ok/0");
        assertThat(bed.drain()).singleElement().satisfies(e -> assertThat(e.connectionId()).isEqualTo(connection));
    }

    @Test
    void aMailboxWhoseHostNowResolvesToAPrivateAddressIsNotReadAndCountsAsAFailedPoll() throws Exception {
        String address = MailTestbed.mailbox("support");
        GreenMailUser user = GREENMAIL.setUser(address, address, "right-password");
        UUID connection = bed.connection(address, MailTestbed.config(GREENMAIL, address), "right-password");
        user.deliver(ThreadMails.other(address, "h.3@customer.test", "ann@customer.test"));
        // Vetted at connect, then its DNS was pointed at loopback (rebinding): production refuses private hosts.
        EmailPoller production = new EmailPoller(connections, new MailboxSyncStore(database),
                new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), bed.config),
                new SqsInboundQueue(LocalAws.sqs(), bed.config),
                new MailHosts(false, name -> new InetAddress[] {InetAddress.getLoopbackAddress()}));

        production.poll();

        assertThat(state(connection)).isEqualTo("active/failed/1");
        assertThat(bed.drain()).as("nothing read from it").isEmpty();
        poller.poll();
        assertThat(bed.drain()).as("the same mail, once the host is public again").hasSize(1);
    }
}
