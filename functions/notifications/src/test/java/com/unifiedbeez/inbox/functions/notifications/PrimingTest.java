package com.unifiedbeez.inbox.functions.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.unifiedbeez.inbox.channel.email.MailTestbed;
import com.unifiedbeez.inbox.notification.NotificationScenario;
import com.unifiedbeez.inbox.testing.DatabaseSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SnapStart priming runs a run's reads and builds a mail: not a row written, not a mail sent. */
class PrimingTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    @Test
    void primingBeforeTheSnapshotChangesNothingAndLeavesTheMentionToTheFirstRun() {
        NotificationScenario given = new NotificationScenario();
        given.mention(given.ada, given.conversation, "Before the snapshot", given.sam);
        NotificationMailerHandler handler = new NotificationMailerHandler(DaggerNotificationsComponent.factory()
                .create(NotificationMailerHandlerTest.config(GREENMAIL.getSmtp().getPort())));
        DatabaseSnapshot before = DatabaseSnapshot.of();

        handler.priming.beforeCheckpoint(null);

        assertThat(DatabaseSnapshot.of()).as("no decision, no cursor, no row at all").isEqualTo(before);
        assertThat(GREENMAIL.getReceivedMessages()).as("no mail").isEmpty();

        handler.handleRequest(new ScheduledEvent(), null);
        assertThat(given.mailsTo(GREENMAIL, given.sam)).hasSize(1);
    }
}
