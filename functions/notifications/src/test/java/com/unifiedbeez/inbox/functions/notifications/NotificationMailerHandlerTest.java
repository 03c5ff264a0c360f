package com.unifiedbeez.inbox.functions.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.unifiedbeez.inbox.channel.email.MailTestbed;
import com.unifiedbeez.inbox.notification.NotificationRules;
import com.unifiedbeez.inbox.notification.NotificationScenario;
import com.unifiedbeez.inbox.notification.SystemMailbox;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.testing.TestDatabase;
import jakarta.mail.internet.InternetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deployed handler, built by its own Dagger component from configuration (the system mailbox
 * on GreenMail, as the local runtime sets it), run with the sample schedule event against the
 * embedded PostgreSQL.
 */
class NotificationMailerHandlerTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    private final NotificationScenario given = new NotificationScenario();
    private final ScheduledEvent schedule = EventLoader.loadScheduledEvent("../../events/notifications/schedule.json");

    static Config config(int smtpPort) {
        return TestDatabase.config()
                .with(SystemMailbox.HOST, "127.0.0.1")
                .with(SystemMailbox.PORT, Integer.toString(smtpPort))
                .with(SystemMailbox.SECURITY, "none")
                .with(SystemMailbox.FROM, "notifications@inbox.local")
                .with(NotificationRules.WINDOW_MINUTES, "5");
    }

    @Test
    void theSampleScheduleEmailsAMentionOnceThroughTheSystemMailbox() throws Exception {
        NotificationMailerHandler handler = new NotificationMailerHandler(
                DaggerNotificationsComponent.factory().create(config(GREENMAIL.getSmtp().getPort())));
        given.mention(given.ada, given.conversation, "Sam, the courier called", given.sam);
        assertThat(schedule.getDetailType()).isEqualTo("Scheduled Event");

        Map<String, Object> first = handler.handleRequest(schedule, null);
        Map<String, Object> second = handler.handleRequest(schedule, null);

        assertThat((Integer) first.get("sent")).isGreaterThanOrEqualTo(1);
        assertThat(second).containsEntry("decisions", 0);
        assertThat(given.mailsTo(GREENMAIL, given.sam)).singleElement().satisfies(mail -> {
            assertThat(mail.getSubject()).isEqualTo("Ada mentioned you in a conversation with Maria Lopez");
            assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("notifications@inbox.local");
        });
        assertThat(given.rows(given.sam)).extracting(NotificationScenario.Row::status).containsExactly("sent");
    }

    @Test
    void aRunWithNothingNewDecidesAndSendsNothing() {
        NotificationMailerHandler handler = new NotificationMailerHandler(
                DaggerNotificationsComponent.factory().create(config(GREENMAIL.getSmtp().getPort())));
        handler.handleRequest(schedule, null); // whatever earlier tests left
        int received = GREENMAIL.getReceivedMessages().length;

        Map<String, Object> run = handler.handleRequest(schedule, null);

        assertThat(run).containsEntry("events", 0).containsEntry("decisions", 0).containsEntry("sent", 0);
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(received);
    }
}
