package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.inbound.SqsInboundQueue;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.testing.LocalAws;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The poller over real IMAP (GreenMail), PostgreSQL, SQS FIFO (ElasticMQ) and S3 (S3Proxy). */
class EmailPollerTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    private final MailTestbed bed = new MailTestbed();
    private final Database database = new Database(TestDatabase.dataSource());
    private final MailboxSyncStore syncStore = new MailboxSyncStore(database);
    private final EmailPoller poller = new EmailPoller(
            new ConnectionStore(database, new CredentialCipher(bed.config)), syncStore,
            new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), bed.config),
            new SqsInboundQueue(LocalAws.sqs(), bed.config), new MailHosts(bed.config));

    @AfterEach
    void disconnect() {
        bed.disconnectAll();
    }

    private record Mailbox(UUID connection, String address, GreenMailUser user) {
    }

    private Mailbox mailbox(String password) {
        String address = MailTestbed.mailbox("support");
        GreenMailUser user = GREENMAIL.setUser(address, address, "right-password");
        return new Mailbox(bed.connection(address, MailTestbed.config(GREENMAIL, address), password), address, user);
    }

    @Test
    void aThreadOfThreeMailsIsQueuedOnceWithTheRawMailInTheBucket() throws Exception {
        Mailbox box = mailbox("right-password");
        box.user().deliver(ThreadMails.first(box.address()));
        box.user().deliver(ThreadMails.reply(box.address()));
        box.user().deliver(ThreadMails.answer(box.address()));

        EmailPoller.Summary summary = poller.poll();

        assertThat(summary.fetched()).isEqualTo(3);
        assertThat(summary.enqueued()).isEqualTo(3);
        assertThat(summary.mailboxes()).isGreaterThanOrEqualTo(1);
        List<InboundEnvelope> envelopes = bed.drain();
        assertThat(envelopes).hasSize(3);
        long uidValidity = MailTestbed.json(envelopes.get(0).payload()).path("uidValidity").asLong();
        assertThat(envelopes).allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo("email");
            assertThat(e.connectionId()).isEqualTo(box.connection());
            assertThat(e.organizationId()).isEqualTo(bed.org);
            // our own reply is grouped with the customer it went to: one FIFO group, the thread's order
            assertThat(e.customer()).isEqualTo(ThreadMails.CUSTOMER);
        });
        assertThat(envelopes).extracting(e -> MailTestbed.json(e.payload()).path("uid").asLong()).containsExactly(1L, 2L, 3L);
        for (InboundEnvelope e : envelopes) {
            var payload = MailTestbed.json(e.payload());
            assertThat(payload.path("key").asText()).isEqualTo("inbound-email/" + box.connection() + "/" + uidValidity
                    + "/" + payload.path("uid").asLong() + ".eml");
        }
        String firstRaw = new String(bed.stored(MailTestbed.json(envelopes.get(0).payload()).path("key").asText()),
                StandardCharsets.US_ASCII);
        assertThat(firstRaw).contains("Message-ID: <" + ThreadMails.FIRST_ID + ">").contains("broken mug.jpg");
        assertThat(LocalAws.s3().headObject(b -> b.bucket(bed.bucket)
                .key(MailTestbed.json(envelopes.get(2).payload()).path("key").asText())).contentType())
                .isEqualTo("message/rfc822");
        assertThat(bed.fx.one("SELECT uid_validity || '/' || last_uid FROM email_sync_state WHERE channel_connection_id = ?",
                box.connection())).isEqualTo(uidValidity + "/3");
        assertThat(bed.fx.one("SELECT last_health_status FROM channel_connections WHERE id = ?", box.connection()))
                .isEqualTo("ok");

        // nothing new: nothing queued
        EmailPoller.Summary again = poller.poll();
        assertThat(again.fetched()).isZero();
        assertThat(bed.drain()).isEmpty();

        // one new mail: exactly that one
        box.user().deliver(ThreadMails.other(box.address(), "q.7@elsewhere.test", "Kim@Elsewhere.test"));
        EmailPoller.Summary third = poller.poll();
        assertThat(third.enqueued()).isEqualTo(1);
        List<InboundEnvelope> fresh = bed.drain();
        assertThat(fresh).singleElement().satisfies(e -> {
            assertThat(e.customer()).isEqualTo("kim@elsewhere.test");
            assertThat(MailTestbed.json(e.payload()).path("uid").asLong()).isEqualTo(4);
        });
    }

    @Test
    void aMailboxThatRefusesTheLoginDoesNotStopTheOthers() throws Exception {
        Mailbox broken = mailbox("wrong-password");
        Mailbox working = mailbox("right-password");
        broken.user().deliver(ThreadMails.other(broken.address(), "b.1@customer.test", "ann@customer.test"));
        working.user().deliver(ThreadMails.other(working.address(), "w.1@customer.test", "bob@customer.test"));

        EmailPoller.Summary summary = poller.poll();

        assertThat(summary.failed()).isGreaterThanOrEqualTo(1);
        assertThat(summary.enqueued()).isEqualTo(1);
        assertThat(bed.drain()).singleElement().satisfies(e -> assertThat(e.connectionId()).isEqualTo(working.connection()));
        assertThat(bed.fx.one("SELECT last_health_status FROM channel_connections WHERE id = ?", broken.connection()))
                .isEqualTo("failed");
        String detail = bed.fx.one("SELECT last_health_detail FROM channel_connections WHERE id = ?", broken.connection());
        assertThat(detail).startsWith("AuthenticationFailedException").doesNotContain("wrong-password");
        assertThat(bed.fx.count("SELECT count(*) FROM email_sync_state WHERE channel_connection_id = ?", broken.connection()))
                .isZero();
    }

    @Test
    void aRunReadsAtMostOneBatchPerMailboxAndTheNextRunGoesOn() throws Exception {
        Mailbox box = mailbox("right-password");
        int total = EmailPoller.BATCH_PER_MAILBOX + 3;
        for (int i = 1; i <= total; i++) {
            box.user().deliver(ThreadMails.other(box.address(), "bulk." + i + "@customer.test", "c" + i + "@customer.test"));
        }

        assertThat(poller.poll().enqueued()).isEqualTo(EmailPoller.BATCH_PER_MAILBOX);
        assertThat(poller.poll().enqueued()).isEqualTo(3);
        assertThat(bed.drain()).extracting(e -> MailTestbed.json(e.payload()).path("uid").asLong())
                .hasSize(total).doesNotHaveDuplicates();
    }

    @Test
    void aChangedUidValidityRereadsTheRecentMailInsteadOfTrustingOldUids() throws Exception {
        Mailbox box = mailbox("right-password");
        box.user().deliver(ThreadMails.other(box.address(), "r.1@customer.test", "ann@customer.test"));
        box.user().deliver(ThreadMails.other(box.address(), "r.2@customer.test", "ann@customer.test"));
        // state left by a folder that was since renumbered: its UIDs are meaningless now
        bed.fx.exec("INSERT INTO email_sync_state (organization_id, channel_connection_id, mailbox, uid_validity, last_uid)"
                + " VALUES (?, ?, 'INBOX', 1, 900)", bed.org, box.connection());

        assertThat(poller.poll().enqueued()).isEqualTo(2);

        assertThat(bed.drain()).hasSize(2);
        assertThat(bed.fx.one("SELECT last_uid FROM email_sync_state WHERE channel_connection_id = ?", box.connection()))
                .isEqualTo("2");
        assertThat(bed.fx.one("SELECT uid_validity FROM email_sync_state WHERE channel_connection_id = ?", box.connection()))
                .isNotEqualTo("1");
    }
}
