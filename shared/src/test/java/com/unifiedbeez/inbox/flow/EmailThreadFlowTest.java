package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
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
 * Issue 4's email thread, end to end with real servers: a customer writes over SMTP (GreenMail), the
 * real EmailPoller reads the mailbox over IMAP onto the inbound FIFO queue, the normalizer stores it;
 * our reply goes out through the real EmailSender over SMTP with our own Message-ID; the customer
 * answers it; a copy of our reply also lands in our mailbox (a Bcc to itself, as many teams set up).
 * Exactly three messages, one conversation.
 */
class EmailThreadFlowTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    static final String CUSTOMER = "dana.customer@example.net";
    static final String PASSWORD = "support-mailbox-password";

    private FlowRig rig;
    private String mailbox;
    private GreenMailUser support;
    private UUID connection;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        mailbox = "support-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
        support = GREENMAIL.setUser(mailbox, mailbox, PASSWORD);
        GREENMAIL.setUser(CUSTOMER, CUSTOMER, "customer-password");
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

    /** A mail the customer's own client sends over SMTP. */
    private void customerSends(String messageId, String subject, String text, Instant date, String inReplyTo,
                               String references) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(GREENMAIL.getSmtp().getPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        mail.setFrom(new InternetAddress(CUSTOMER, "Dana Customer", "UTF-8"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(mailbox));
        mail.setSubject(subject);
        mail.setSentDate(Date.from(date));
        if (inReplyTo != null) {
            mail.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            mail.setHeader("References", references);
        }
        mail.setText(text, "UTF-8");
        Transport.send(mail);
    }

    /** The scheduled poll, then the normalizer on what it queued; our connection's records only. */
    private List<SQSMessage> pollAndNormalize() {
        EmailPoller.Summary summary = rig.component.poller().poll();
        assertThat(summary.failed()).as("mailboxes that failed").isZero();
        List<SQSMessage> records = rig.receive();
        assertThat(rig.process(records)).as("batch item failures").isEmpty();
        return records.stream().filter(r -> Rows.json(r.getBody()).path("connectionId").asText()
                .equals(connection.toString())).toList();
    }

    @Test
    void aCustomerMailOurReplyAndTheirAnswerAreOneConversationOfThreeMessages() throws Exception {
        Instant first = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        customerSends("order-4711.q1@example.net", "Where is order 4711?", "Hi, my order has not arrived yet.",
                first, null, null);
        assertThat(pollAndNormalize()).hasSize(1);
        UUID conversation = (UUID) Rows.one("SELECT id FROM conversations WHERE organization_id = ?", rig.org).get("id");

        // our reply, through the outbound sender's delivery and the real EmailSender over SMTP
        OutboundSend reply = rig.queuedReply(conversation, "It left our warehouse this morning.");
        assertThat(rig.component.delivery().deliver(reply, 1)).isEqualTo(DeliveryResult.DONE);
        Map<String, Object> sent = Rows.one("SELECT status, external_id FROM messages WHERE id = ?", reply.messageId());
        assertThat(sent.get("status")).isEqualTo("sent");
        String ourId = (String) sent.get("external_id");
        assertThat(ourId).isEqualTo(reply.messageId() + "@acme.test");

        MimeMessage received = GREENMAIL.getReceivedMessagesForDomain("example.net")[0];
        assertThat(received.getHeader("Message-ID")[0]).isEqualTo("<" + ourId + ">");
        assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo("<order-4711.q1@example.net>");
        assertThat(received.getHeader("References")[0]).contains("<order-4711.q1@example.net>");
        assertThat(received.getSubject()).isEqualTo("Re: Where is order 4711?");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo(mailbox);

        // our mailbox sees its own reply too, and the customer answers it
        support.deliver(received);
        Instant third = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        customerSends("order-4711.q2@example.net", "Re: Where is order 4711?", "Great, thanks! It just arrived.",
                third, ourId, "<order-4711.q1@example.net> <" + ourId + ">");
        assertThat(pollAndNormalize()).as("our copy and the customer's answer").hasSize(2);

        List<Map<String, Object>> messages = Rows.list("""
                SELECT conversation_id, direction, sender_type, content, external_id, status, platform_timestamp, metadata
                  FROM messages WHERE organization_id = ? ORDER BY created_at, id""", rig.org);
        assertThat(messages).extracting(m -> m.get("direction") + " " + m.get("sender_type") + " " + m.get("external_id")
                        + " " + m.get("status") + " " + m.get("content"))
                .containsExactly(
                        "inbound contact order-4711.q1@example.net null Hi, my order has not arrived yet.",
                        "outbound user " + ourId + " sent It left our warehouse this morning.",
                        "inbound contact order-4711.q2@example.net null Great, thanks! It just arrived.");
        assertThat(messages).allSatisfy(m -> assertThat(m.get("conversation_id")).isEqualTo(conversation));
        assertThat(messages.get(0).get("platform_timestamp")).isEqualTo(first);
        assertThat(messages.get(2).get("platform_timestamp")).isEqualTo(third);
        JsonNode answer = Rows.json(messages.get(2).get("metadata")).path("email");
        assertThat(answer.path("inReplyTo").asText()).isEqualTo(ourId);
        assertThat(answer.path("subject").asText()).isEqualTo("Re: Where is order 4711?");

        assertThat(rig.fx.count("SELECT count(*) FROM conversations WHERE organization_id = ?", rig.org)).isEqualTo(1);
        assertThat(Rows.list("SELECT identifier FROM contact_identities WHERE organization_id = ?", rig.org))
                .extracting(r -> r.get("identifier")).containsExactly(CUSTOMER);
        assertThat(rig.fx.count("SELECT count(*) FROM domain_events WHERE organization_id = ? AND name = 'message:received'",
                rig.org)).isEqualTo(2);
    }
}
