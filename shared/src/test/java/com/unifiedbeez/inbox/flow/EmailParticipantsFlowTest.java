package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.platform.json.Json;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, section 2: the participants of an email thread, end to end (GreenMail SMTP + IMAP, the
 * real poller and normalizer). A reply by someone other than the customer — a colleague of theirs
 * answering all — joins the conversation whose message it references (In-Reply-To/References
 * first); a mail of theirs that references nothing of ours is theirs (sender second). The subject
 * is the conversation's.
 */
class EmailParticipantsFlowTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    static final String CUSTOMER = "dana.customer@example.net";
    static final String COLLEAGUE = "lee.colleague@example.net";
    static final String PASSWORD = "support-mailbox-password";

    private FlowRig rig;
    private String mailbox;
    private UUID connection;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        mailbox = "support-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
        GREENMAIL.setUser(mailbox, mailbox, PASSWORD);
        String config = Json.write(Map.of(
                "imapHost", "127.0.0.1", "imapPort", GREENMAIL.getImap().getPort(), "imapSecurity", "none",
                "smtpHost", "127.0.0.1", "smtpPort", GREENMAIL.getSmtp().getPort(), "smtpSecurity", "none",
                "username", mailbox, "fromName", "Acme Support"));
        connection = rig.own(rig.fx.channelConnection(rig.org, Channel.EMAIL, mailbox, config, Map.of("password", PASSWORD)));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A mail sent over SMTP by {@code from}'s own client, to our mailbox with {@code cc}. */
    private void sends(String from, String name, String messageId, String subject, String text, String cc,
                       String inReplyTo, String references) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(GREENMAIL.getSmtp().getPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        mail.setFrom(new InternetAddress(from, name, "UTF-8"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(mailbox));
        if (cc != null) {
            mail.setRecipient(RecipientType.CC, new InternetAddress(cc));
        }
        mail.setSubject(subject);
        mail.setSentDate(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            mail.setHeader("References", references);
        }
        mail.setText(text, "UTF-8");
        Transport.send(mail);
    }

    private void pollAndNormalize() {
        EmailPoller.Summary summary = rig.component.poller().poll();
        assertThat(summary.failed()).as("mailboxes that failed").isZero();
        List<SQSMessage> records = rig.receive();
        assertThat(rig.process(records)).as("batch item failures").isEmpty();
    }

    @Test
    void aColleaguesReplyAllJoinsTheCustomersConversationAndTheirOwnMailStartsTheirs() throws Exception {
        sends(CUSTOMER, "Dana Customer", "q1.7731@example.net", "Damaged pallet, delivery 7731",
                "The pallet of delivery 7731 arrived damaged.", COLLEAGUE, null, null);
        pollAndNormalize();
        Map<String, Object> first = Rows.one("SELECT id, subject FROM conversations WHERE organization_id = ?", rig.org);
        UUID conversation = (UUID) first.get("id");
        assertThat(first.get("subject")).isEqualTo("Damaged pallet, delivery 7731");

        // Lee, in Cc, answers all: In-Reply-To names Dana's mail
        sends(COLLEAGUE, "Lee Colleague", "a1.7731@example.net", "Re: Damaged pallet, delivery 7731",
                "Photos of the pallet are on their way.", CUSTOMER, "q1.7731@example.net", "<q1.7731@example.net>");
        // and Dana answers Lee's mail: only References reaches back past it
        sends(CUSTOMER, "Dana Customer", "q2.7731@example.net", "Re: Damaged pallet, delivery 7731",
                "Thanks Lee.", COLLEAGUE, "a1.7731@example.net", "<q1.7731@example.net> <a1.7731@example.net>");
        pollAndNormalize();

        assertThat(Rows.list("""
                SELECT m.conversation_id, m.content, m.metadata->'email'->'from'->>'address' AS sender
                  FROM messages m WHERE m.organization_id = ? ORDER BY m.created_at, m.id""", rig.org))
                .extracting(r -> r.get("conversation_id") + " " + r.get("sender") + " " + r.get("content"))
                // Lee's and Dana's replies are in two FIFO groups (one per sender): either may be first
                .containsExactlyInAnyOrder(
                        conversation + " " + CUSTOMER + " The pallet of delivery 7731 arrived damaged.",
                        conversation + " " + COLLEAGUE + " Photos of the pallet are on their way.",
                        conversation + " " + CUSTOMER + " Thanks Lee.");
        assertThat(rig.fx.count("SELECT count(*) FROM conversations WHERE organization_id = ?", rig.org)).isEqualTo(1);

        // a new mail of Lee's that references nothing of ours: a conversation of Lee's
        sends(COLLEAGUE, "Lee Colleague", "n1.8800@example.net", "New order 8800", "Please quote order 8800.", null,
                null, null);
        pollAndNormalize();
        assertThat(Rows.list("""
                SELECT c.subject, ct.email FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
                 WHERE c.organization_id = ? ORDER BY c.created_at, c.id""", rig.org))
                .extracting(r -> r.get("email") + " " + r.get("subject"))
                .containsExactly(CUSTOMER + " Damaged pallet, delivery 7731", COLLEAGUE + " New order 8800");
    }
}
