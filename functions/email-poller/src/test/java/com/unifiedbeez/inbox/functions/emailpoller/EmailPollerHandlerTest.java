package com.unifiedbeez.inbox.functions.emailpoller;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.email.MailTestbed;
import com.unifiedbeez.inbox.channel.email.ThreadMails;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import com.unifiedbeez.inbox.testing.LocalAws;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployed handler, built by its own Dagger component from configuration, run with the sample
 * schedule event against GreenMail IMAP, PostgreSQL, ElasticMQ and S3Proxy.
 */
class EmailPollerHandlerTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    private final MailTestbed bed = new MailTestbed();
    private final EmailPollerHandler handler = new EmailPollerHandler(
            DaggerEmailPollerComponent.factory().create(bed.config));
    private final ScheduledEvent schedule = EventLoader.loadScheduledEvent("../../events/email-poller/schedule.json");

    @AfterEach
    void disconnect() {
        bed.disconnectAll();
    }

    @Test
    void theSampleScheduleQueuesEachNewMailOnceWithItsRawMimeInTheBucket() throws Exception {
        String mailbox = MailTestbed.mailbox("support");
        GreenMailUser user = GREENMAIL.setUser(mailbox, mailbox, "secret");
        UUID connection = bed.connection(mailbox, MailTestbed.config(GREENMAIL, mailbox), "secret");
        user.deliver(ThreadMails.first(mailbox));
        user.deliver(ThreadMails.reply(mailbox));
        user.deliver(ThreadMails.answer(mailbox));
        assertThat(schedule.getDetailType()).isEqualTo("Scheduled Event");

        Map<String, Object> first = handler.handleRequest(schedule, null);

        assertThat(first).containsEntry("fetched", 3).containsEntry("enqueued", 3);
        List<InboundEnvelope> envelopes = bed.drain();
        assertThat(envelopes).hasSize(3).allSatisfy(e -> {
            assertThat(e.connectionId()).isEqualTo(connection);
            assertThat(e.customer()).isEqualTo(ThreadMails.CUSTOMER);
        });
        String raw = new String(bed.stored(MailTestbed.json(envelopes.get(2).payload()).path("key").asText()),
                StandardCharsets.US_ASCII);
        assertThat(raw).contains("Message-ID: <" + ThreadMails.ANSWER_ID + ">");

        assertThat(handler.handleRequest(schedule, null)).containsEntry("enqueued", 0);
        assertThat(bed.drain()).isEmpty();

        user.deliver(ThreadMails.other(mailbox, "late.1@customer.test", "ann@customer.test"));
        assertThat(handler.handleRequest(schedule, null)).containsEntry("enqueued", 1);
        assertThat(bed.drain()).singleElement()
                .satisfies(e -> assertThat(e.customer()).isEqualTo("ann@customer.test"));
    }

    @Test
    void primingBeforeTheSnapshotOpensNoMailboxAndChangesNothing() throws Exception {
        String mailbox = MailTestbed.mailbox("support");
        GREENMAIL.setUser(mailbox, mailbox, "secret").deliver(ThreadMails.first(mailbox));
        bed.connection(mailbox, MailTestbed.config(GREENMAIL, mailbox), "secret");
        DatabaseSnapshot before = DatabaseSnapshot.of();

        handler.priming.beforeCheckpoint(null);

        assertThat(DatabaseSnapshot.of()).as("no sync state, no health, no row at all").isEqualTo(before);
        assertThat(bed.drain()).as("nothing queued").isEmpty();
        assertThat(LocalAws.s3().listObjectsV2(l -> l.bucket(bed.bucket)).contents()).as("nothing stored").isEmpty();

        // The mailbox was there to read: the scheduled run reads its mail for the first time.
        assertThat(handler.handleRequest(schedule, null)).containsEntry("fetched", 1).containsEntry("enqueued", 1);
    }

    @Test
    void aMailboxWithAWrongPasswordIsCountedFailedAndTheOtherIsPolled() throws Exception {
        String broken = MailTestbed.mailbox("broken");
        String working = MailTestbed.mailbox("sales");
        GREENMAIL.setUser(broken, broken, "secret").deliver(ThreadMails.other(broken, "x.1@customer.test", "x@customer.test"));
        GREENMAIL.setUser(working, working, "secret").deliver(ThreadMails.other(working, "y.1@customer.test", "y@customer.test"));
        bed.connection(broken, MailTestbed.config(GREENMAIL, broken), "stale-password");
        UUID good = bed.connection(working, MailTestbed.config(GREENMAIL, working), "secret");

        Map<String, Object> run = handler.handleRequest(schedule, null);

        assertThat((Integer) run.get("failed")).isGreaterThanOrEqualTo(1);
        assertThat(run).containsEntry("enqueued", 1);
        assertThat(bed.drain()).singleElement().satisfies(e -> assertThat(e.connectionId()).isEqualTo(good));
    }
}
