package com.unifiedbeez.inbox.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.email.MailHosts;
import com.unifiedbeez.inbox.channel.email.MailServers;
import com.unifiedbeez.inbox.channel.email.MailTestbed;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.conversation.AssignRequest;
import com.unifiedbeez.inbox.conversation.ConversationAssigner;
import com.unifiedbeez.inbox.conversation.ConversationReadMarker;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.note.NoteDeleter;
import com.unifiedbeez.inbox.note.NoteStore;
import com.unifiedbeez.inbox.notification.NotificationScenario.Row;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.settings.NotificationKind;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import com.unifiedbeez.inbox.testing.AssignmentWiring;
import com.unifiedbeez.inbox.testing.TestDatabase;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mentions and assignments become emails on real parts: the events written by the real services and
 * numbered by the production sequencer, the embedded PostgreSQL, GreenMail's SMTP. Each test has an
 * organization of its own; mails are told apart by their recipient.
 */
class NotificationMailerTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);
    private static final String FROM = "notifications@inbox.test";

    private final NotificationScenario given = new NotificationScenario();
    private final TestClock clock = new TestClock();
    private final List<UUID> connections = new ArrayList<>();

    @AfterEach
    void disconnect() {
        // a live mailbox on a GreenMail that is gone would be polled by the email poller's tests
        connections.forEach(id -> given.fx.exec(
                "UPDATE channel_connections SET status = 'disconnected', disconnected_at = now() WHERE id = ?", id));
    }

    private NotificationMailer mailer() {
        return mailer(Optional.of(systemMailbox(GREENMAIL.getSmtp().getPort(), null, null)));
    }

    private NotificationMailer mailer(Optional<SystemMailbox> system) {
        NotificationStore store = new NotificationStore();
        ConnectionStore connectionStore = new ConnectionStore(given.database, new CredentialCipher(TestDatabase.config()));
        MailRoutes routes = new MailRoutes(system, connectionStore, new MailHosts(true, InetAddress::getAllByName));
        NotificationRules rules = new NotificationRules(store, new SettingsResolver(new SettingsStore(given.events)),
                given.conversations, Duration.ofMinutes(5), Duration.ofMinutes(60));
        return new NotificationMailer(given.database, given.stream, store, rules,
                new NotificationDelivery(given.database, store, routes), routes, clock);
    }

    private static SystemMailbox systemMailbox(int port, String username, String password) {
        return new SystemMailbox(new MailServers.Server("127.0.0.1", port, "none"), username, password, FROM,
                "UnifiedBeez Inbox");
    }

    @Test
    void aMentionIsEmailedOnceWithTextAndHtmlAlternativesAndTheNoteEscapedInTheHtml() throws Exception {
        given.mention(given.ada, given.conversation, "Sam, can you call <Maria> & check \"order\" #1042?", given.sam);

        NotificationMailer.Run run = mailer().run();

        assertThat(run.sent()).isGreaterThanOrEqualTo(1);
        assertThat(given.rows(given.sam)).singleElement().satisfies(row -> {
            assertThat(row.kind()).isEqualTo("mention");
            assertThat(row.status()).isEqualTo("sent");
            assertThat(row.sentAt()).isNotNull();
        });
        MimeMessage mail = single(given.mailsTo(GREENMAIL, given.sam));
        assertThat(mail.getSubject()).isEqualTo("Ada mentioned you in a conversation with Maria Lopez");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(FROM);
        assertThat(from.getPersonal()).isEqualTo("UnifiedBeez Inbox");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        Multipart alternatives = (Multipart) mail.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).isMimeType("text/plain")).isTrue();
        String text = ((String) alternatives.getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text).contains("Ada mentioned you in a note on a WhatsApp conversation with Maria Lopez.")
                .contains("> Sam, can you call <Maria> & check \"order\" #1042?")
                .contains("Conversation: " + given.conversation);
        assertThat(alternatives.getBodyPart(1).isMimeType("text/html")).isTrue();
        String html = (String) alternatives.getBodyPart(1).getContent();
        assertThat(html).contains("Sam, can you call &lt;Maria&gt; &amp; check &quot;order&quot; #1042?")
                .doesNotContain("<Maria>")
                .contains(given.conversation.toString());
        assertThat(given.mailsTo(GREENMAIL, given.ada)).as("the author is not told").isEmpty();
    }

    @Test
    void anAssignmentIsEmailedToTheAgentWithTheLatestMessageAndATeamAddedLaterSendsNothingMore() throws Exception {
        given.assign(given.ada, given.conversation, given.sam);
        NotificationMailer mailer = mailer();

        mailer.run();

        MimeMessage mail = single(given.mailsTo(GREENMAIL, given.sam));
        assertThat(mail.getSubject()).isEqualTo("A conversation with Maria Lopez was assigned to you");
        String text = ((String) ((Multipart) mail.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
        assertThat(text).contains("Ada assigned you a WhatsApp conversation with Maria Lopez.")
                .contains("> Hello, where is my order #1042?");
        assertThat(given.rows(given.sam)).extracting(Row::kind, Row::status).containsExactly(
                tuple("assignedToMe", "sent"));

        // the team is added while Sam keeps the conversation: the event names Sam again, which is not news
        UUID team = given.fx.team(given.org, "Support", given.sam);
        AssignmentWiring.of(given.database, given.events).conversationAssigner().assign(given.ada, given.conversation,
                new AssignRequest(team.toString(), "team"));
        given.stream.sequence(given.org);
        clock.advance(Duration.ofMinutes(10));
        mailer.run();

        assertThat(given.rows(given.sam)).hasSize(1);
        assertThat(given.mailsTo(GREENMAIL, given.sam)).hasSize(1);
    }

    @Test
    void theSameUserMentionedTwiceInTheWindowGetsOneMailAndTheSecondIsRecordedSkipped() {
        UUID other = given.conversation(given.fx.contact(given.org, "Kim Lee", "whatsapp", "+447700900555"));
        given.mention(given.ada, given.conversation, "First", given.sam);
        given.mention(given.ada, given.conversation, "Second", given.sam);
        given.mention(given.ada, other, "Elsewhere", given.sam);

        mailer().run();

        assertThat(given.rows(given.sam)).extracting(Row::status, Row::reason).containsExactly(
                tuple("sent", null),
                tuple("skipped", "window"),
                tuple("sent", null));
        assertThat(given.mailsTo(GREENMAIL, given.sam)).extracting(this::subject).containsExactlyInAnyOrder(
                "Ada mentioned you in a conversation with Maria Lopez",
                "Ada mentioned you in a conversation with Kim Lee");
    }

    @Test
    void aMentionAfterTheWindowIsEmailedAgain() {
        NotificationMailer mailer = mailer();
        given.mention(given.ada, given.conversation, "First", given.sam);
        mailer.run();
        // the first mail's event is six minutes old now
        given.fx.exec("UPDATE notification_emails SET event_at = event_at - interval '6 minutes' WHERE user_id = ?",
                given.sam.userId());

        given.mention(given.ada, given.conversation, "Later", given.sam);
        mailer.run();

        assertThat(given.rows(given.sam)).extracting(Row::status).containsExactly("sent", "sent");
        assertThat(given.mailsTo(GREENMAIL, given.sam)).hasSize(2);
    }

    @Test
    void emailOffInTheUsersSettingsIsRecordedAndSendsNothingForThatKindOnly() {
        given.emailOff(given.sam, NotificationKind.MENTION);
        given.mention(given.ada, given.conversation, "Sam, please look", given.sam);
        given.assign(given.ada, given.conversation, given.sam);
        // the assignment is within the window of the mention only if the mention was a mail: it was not
        mailer().run();

        assertThat(given.rows(given.sam)).extracting(Row::kind, Row::status, Row::reason).containsExactly(
                tuple("mention", "skipped", "email-off"),
                tuple("assignedToMe", "sent", null));
        assertThat(given.mailsTo(GREENMAIL, given.sam)).extracting(this::subject)
                .containsExactly("A conversation with Maria Lopez was assigned to you");
    }

    @Test
    void nobodyIsEmailedAboutTheirOwnMentionOrAssignment() {
        given.mention(given.ada, given.conversation, "Note to self", given.ada);
        given.assign(given.sam, given.conversation, given.sam);

        mailer().run();

        assertThat(given.rows(given.ada)).extracting(Row::status, Row::reason)
                .containsExactly(tuple("skipped", "self"));
        assertThat(given.rows(given.sam)).extracting(Row::status, Row::reason)
                .containsExactly(tuple("skipped", "self"));
        assertThat(given.mailsTo(GREENMAIL, given.ada)).isEmpty();
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
    }

    @Test
    void aDeactivatedUserAndAUserWhoReadTheConversationSinceAreNotEmailed() {
        Caller lee = given.fx.user(given.org, "Lee", Role.AGENT);
        given.mention(given.ada, given.conversation, "Both of you", given.sam, lee);
        given.fx.exec("UPDATE users SET deactivated_at = now() WHERE id = ?", lee.userId());
        new ConversationReadMarker(given.database, given.conversations).markRead(given.sam, given.conversation);

        mailer().run();

        assertThat(given.rows(lee)).extracting(Row::reason).containsExactly("deactivated");
        assertThat(given.rows(given.sam)).extracting(Row::reason).containsExactly("seen");
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
        assertThat(given.mailsTo(GREENMAIL, lee)).isEmpty();
    }

    @Test
    void aMentionInANoteDeletedBeforeTheRunIsNotEmailed() {
        Caller lee = given.fx.user(given.org, "Lee", Role.AGENT);
        given.mention(given.ada, given.conversation, "Wrong customer, ignore", given.sam);
        UUID deleted = UUID.fromString(given.fx.one("SELECT id FROM notes WHERE conversation_id = ?", given.conversation));
        given.mention(given.ada, given.conversation, "Still true", lee);
        new NoteDeleter(given.database, new NoteStore(given.events)).delete(given.ada, deleted);

        mailer().run();

        assertThat(given.rows(given.sam)).extracting(Row::status, Row::reason)
                .containsExactly(tuple("skipped", "note-deleted"));
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
        assertThat(given.rows(lee)).extracting(Row::status).containsExactly("sent");
    }

    @Test
    void anAssignmentUndoneBeforeTheRunIsNotEmailedAndTheNewAssigneeIsTold() throws Exception {
        given.assign(given.ada, given.conversation, given.sam);
        given.assign(given.sam, given.conversation, given.ada);

        mailer().run();

        assertThat(given.rows(given.sam)).extracting(Row::reason).containsExactly("reassigned");
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
        MimeMessage mail = single(given.mailsTo(GREENMAIL, given.ada));
        assertThat((String) ((Multipart) mail.getContent()).getBodyPart(0).getContent())
                .contains("Sam assigned you a WhatsApp conversation with Maria Lopez.");
    }

    @Test
    void anEventOlderThanTheMaximumAgeIsRecordedStale() {
        given.mention(given.ada, given.conversation, "Long ago", given.sam);
        clock.advance(Duration.ofMinutes(61));

        mailer().run();

        assertThat(given.rows(given.sam)).extracting(Row::reason).containsExactly("stale");
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
    }

    @Test
    void aSecondRunAndARereadOfTheSameEventsSendNothingTwice() {
        NotificationMailer mailer = mailer();
        given.mention(given.ada, given.conversation, "Once", given.sam);
        mailer.run();
        mailer.run();
        // the cursor lost (restored from an older backup): the events are read again
        given.fx.exec("UPDATE notification_cursors SET last_seq = 0 WHERE organization_id = ?", given.org);
        clock.advance(Duration.ofMinutes(10));
        mailer.run();

        assertThat(given.rows(given.sam)).hasSize(1);
        assertThat(given.mailsTo(GREENMAIL, given.sam)).hasSize(1);
    }

    @Test
    void aMailTheServerCannotTakeNowIsRecordedPendingAndSentOnALaterRunWhenTheServerIsUp() throws Exception {
        int port = freePort();
        NotificationMailer mailer = mailer(Optional.of(systemMailbox(port, null, null)));
        given.mention(given.ada, given.conversation, "Are you there?", given.sam);

        mailer.run();
        assertThat(given.rows(given.sam)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("pending");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.reason()).isNotBlank();
        });
        mailer.run(); // before its retry time: not tried
        assertThat(given.rows(given.sam)).extracting(Row::attempts).containsExactly(1);

        GreenMail up = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        up.start();
        try {
            clock.advance(NotificationDelivery.backoff(1));
            mailer.run();

            assertThat(given.rows(given.sam)).singleElement().satisfies(row -> {
                assertThat(row.status()).isEqualTo("sent");
                assertThat(row.attempts()).isEqualTo(2);
                assertThat(row.reason()).isNull();
            });
            assertThat(given.mailsTo(up, given.sam)).extracting(this::subject)
                    .containsExactly("Ada mentioned you in a conversation with Maria Lopez");
        } finally {
            up.stop();
        }
    }

    @Test
    void aServerThatStaysDownIsTriedABoundedNumberOfTimesThenRecordedFailed() {
        NotificationMailer mailer = mailer(Optional.of(systemMailbox(freePort(), null, null)));
        given.mention(given.ada, given.conversation, "Anyone?", given.sam);

        for (int run = 1; run <= NotificationDelivery.MAX_ATTEMPTS + 2; run++) {
            mailer.run();
            clock.advance(Duration.ofMinutes(30));
        }

        assertThat(given.rows(given.sam)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.attempts()).isEqualTo(NotificationDelivery.MAX_ATTEMPTS);
            assertThat(row.reason()).startsWith("gave up after " + NotificationDelivery.MAX_ATTEMPTS + " attempts");
        });
    }

    @Test
    void aLoginTheServerRefusesIsRecordedFailedAtOnce() {
        GREENMAIL.setUser(FROM, "notifier", "right-password");
        NotificationMailer mailer = mailer(Optional.of(systemMailbox(GREENMAIL.getSmtp().getPort(), "notifier",
                "wrong-password")));
        given.mention(given.ada, given.conversation, "Hi", given.sam);

        mailer.run();
        clock.advance(Duration.ofMinutes(30));
        mailer.run();

        assertThat(given.rows(given.sam)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.reason()).startsWith("smtp-auth");
        });
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
    }

    @Test
    void withoutASystemMailboxTheOrganizationsEmailChannelSendsIt() throws Exception {
        String mailbox = MailTestbed.mailbox("support");
        GREENMAIL.setUser(mailbox, mailbox, "smtp-secret");
        connections.add(given.fx.channelConnection(given.org, Channel.EMAIL, mailbox, MailTestbed.config(GREENMAIL, mailbox),
                Map.of("password", "smtp-secret")));
        given.mention(given.ada, given.conversation, "Through our own mailbox", given.sam);

        mailer(Optional.empty()).run();

        MimeMessage mail = single(given.mailsTo(GREENMAIL, given.sam));
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(mailbox);
        assertThat(from.getPersonal()).isEqualTo("Acme Support");
        assertThat(given.rows(given.sam)).extracting(Row::status).containsExactly("sent");
    }

    @Test
    void withNoWayToSendMailTheDecisionIsRecordedFailedAndNotTriedAgain() {
        NotificationMailer mailer = mailer(Optional.empty());
        given.mention(given.ada, given.conversation, "Nowhere to go", given.sam);

        mailer.run();
        clock.advance(Duration.ofMinutes(30));
        mailer.run();

        assertThat(given.rows(given.sam)).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.reason()).startsWith("no-mail-transport");
        });
    }

    @Test
    void anotherOrganizationsEventsNeverMailThisOrganizationsUsers() {
        NotificationScenario other = new NotificationScenario();
        other.mention(other.ada, other.conversation, "Their own business", other.sam);
        // an event of the other organization that names a user of this one (no service writes that)
        other.database.transaction(c -> {
            other.events.emit(c, other.org, other.conversation, DomainEvents.NOTE_ADDED, Map.of(
                    "conversationId", other.conversation,
                    "note", Map.of("author", Map.of("id", other.ada.userId(), "name", "Ada"), "content", "Psst"),
                    "mentionedUsers", List.of(given.sam.userId())));
            return null;
        });
        other.stream.sequence(other.org);

        mailer().run();

        assertThat(other.mailsTo(GREENMAIL, other.sam)).hasSize(1);
        assertThat(given.mailsTo(GREENMAIL, given.sam)).isEmpty();
        assertThat(given.rows(given.sam)).as("nothing in this organization").isEmpty();
        assertThat(given.fx.one("""
                SELECT status || '/' || reason FROM notification_emails WHERE organization_id = ? AND user_id = ?""",
                other.org, given.sam.userId())).isEqualTo("skipped/not-a-member");
    }

    @Test
    void aRestartedLogIsFollowedFromItsStartAndTrimmedEventsArePassedOver() {
        NotificationMailer mailer = mailer();
        UUID second = given.conversation(given.fx.contact(given.org, "Kim Lee", "whatsapp", "+447700900555"));
        UUID third = given.conversation(given.fx.contact(given.org, "Jo Park", "whatsapp", "+447700900556"));
        given.mention(given.ada, given.conversation, "Before the restart", given.sam);
        mailer.run();

        UUID epoch = given.stream.restart(given.org).epoch();
        given.mention(given.ada, second, "After the restart", given.sam);
        mailer.run();

        assertThat(given.mailsTo(GREENMAIL, given.sam)).hasSize(2);
        assertThat(given.fx.one("SELECT epoch::text FROM notification_cursors WHERE organization_id = ?", given.org))
                .isEqualTo(epoch.toString());

        // retention deletes an event before the mailer reads it (it was down for a week)
        given.mention(given.ada, third, "Deleted unread", given.sam);
        long last = given.stream.sequence(given.org).lastSeq();
        given.stream.recordPushed(given.org, last, Duration.ZERO);
        given.stream.trim(Instant.now().plusSeconds(1), 100_000);
        mailer.run();

        assertThat(given.rows(given.sam)).hasSize(2);
        assertThat(given.fx.count("SELECT last_seq FROM notification_cursors WHERE organization_id = ?", given.org))
                .isEqualTo(last);
        given.mention(given.ada, third, "After the trim", given.sam);
        mailer.run();
        assertThat(given.mailsTo(GREENMAIL, given.sam)).hasSize(3);
    }

    private String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage single(List<MimeMessage> mails) {
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
