package com.unifiedbeez.inbox.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.email.EmailPoller;
import com.unifiedbeez.inbox.message.OutboundQueue.OutboundSend;
import com.unifiedbeez.inbox.outbound.DeliveryResult;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.SettingsRows;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
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
 * The away message on email, on real servers: a customer's mail at night (GreenMail SMTP, read by
 * the real EmailPoller over IMAP, normalized with the test's clock) gets the away reply in its thread,
 * marked {@code Auto-Submitted: auto-replied} and without the agents' signature; a mail a machine sent
 * (RFC 3834) gets none, so two responders never answer each other.
 */
class AwayReplyEmailFlowTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    static final String CUSTOMER = "dana.away@example.net";
    static final String PASSWORD = "support-mailbox-password";
    static final String AWAY = "Thanks for your mail. Our team answers from 09:00 UK time.";
    static final Instant THREE_AT_NIGHT = Instant.parse("2026-03-04T03:00:00Z");

    private FlowRig rig;
    private String mailbox;
    private UUID connection;

    @BeforeEach
    void start() {
        rig = new FlowRig();
        rig.clock.set(THREE_AT_NIGHT);
        mailbox = "support-" + UUID.randomUUID().toString().substring(0, 8) + "@acme.test";
        GREENMAIL.setUser(mailbox, mailbox, PASSWORD);
        GREENMAIL.setUser(CUSTOMER, CUSTOMER, "customer-password");
        String config = Json.write(Map.of(
                "imapHost", "127.0.0.1", "imapPort", GREENMAIL.getImap().getPort(), "imapSecurity", "none",
                "smtpHost", "127.0.0.1", "smtpPort", GREENMAIL.getSmtp().getPort(), "smtpSecurity", "none",
                "username", mailbox, "fromName", "Acme Support"));
        connection = rig.own(rig.fx.channelConnection(rig.org, Channel.EMAIL, mailbox, config, Map.of("password", PASSWORD)));
        new SettingsRows(rig.fx).organization(rig.org, """
                {"workingHours": {"timezone": "Europe/London", "holidays": [], "schedule": {
                   "monday": [{"from": "09:00", "to": "17:00"}], "tuesday": [{"from": "09:00", "to": "17:00"}],
                   "wednesday": [{"from": "09:00", "to": "17:00"}], "thursday": [{"from": "09:00", "to": "17:00"}],
                   "friday": [{"from": "09:00", "to": "17:00"}], "saturday": [], "sunday": []}},
                 "awayMessage": {"enabled": true, "text": "We are away.", "intervalMinutes": 240,
                   "channels": {"email": "%s"}},
                 "signature": {"enabled": true, "text": "Acme Support", "html": null, "channels": ["email"]}}"""
                .formatted(AWAY));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    /** A mail sent over SMTP at the clock's time, with extra headers. */
    private void mailArrives(String from, String messageId, String subject, Map<String, String> headers)
            throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(GREENMAIL.getSmtp().getPort()));
        MimeMessage mail = new MimeMessage(Session.getInstance(props)) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(RecipientType.TO, new InternetAddress(mailbox));
        mail.setSubject(subject);
        mail.setSentDate(Date.from(rig.clock.instant()));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            mail.setHeader(header.getKey(), header.getValue());
        }
        mail.setText("Where is my order?", "UTF-8");
        Transport.send(mail);
    }

    /** The scheduled poll, then the normalizer on what it queued. */
    private void pollAndNormalize() {
        EmailPoller.Summary summary = rig.component.poller().poll();
        assertThat(summary.failed()).as("mailboxes that failed").isZero();
        List<SQSMessage> records = rig.receive();
        assertThat(rig.process(records)).as("batch item failures").isEmpty();
        assertThat(records.stream().filter(r -> Rows.json(r.getBody()).path("connectionId").asText()
                .equals(connection.toString()))).hasSize(1);
    }

    @Test
    void aMailAtNightGetsTheAwayReplyInItsThreadMarkedAutoSubmittedWithoutASignature() throws Exception {
        mailArrives(CUSTOMER, "q1.4711@example.net", "Order 4711", Map.of());
        pollAndNormalize();

        Map<String, Object> away = Rows.one("SELECT id, conversation_id, sender_type, content, metadata->>'automatic' AS automatic"
                + " FROM messages WHERE organization_id = ? AND direction = 'outbound'", rig.org);
        assertThat(away).containsEntry("sender_type", "system").containsEntry("content", AWAY)
                .containsEntry("automatic", "away");
        List<OutboundSend> handed = rig.outbound();
        assertThat(handed).extracting(OutboundSend::messageId).containsExactly((UUID) away.get("id"));
        assertThat(rig.component.delivery().deliver(handed.get(0), 1)).isEqualTo(DeliveryResult.DONE);

        MimeMessage[] received = GREENMAIL.getReceivedMessagesForDomain("example.net");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Re: Order 4711");
        assertThat(received[0].getHeader("In-Reply-To")[0]).isEqualTo("<q1.4711@example.net>");
        assertThat(received[0].getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        Multipart alternative = (Multipart) received[0].getContent();
        assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(AWAY);
    }

    @Test
    void aMailAMachineSentGetsNone() throws Exception {
        mailArrives("noreply@shop.example.org", "ooo.1@shop.example.org", "Automatic reply: Order 4711",
                Map.of("Auto-Submitted", "auto-replied"));
        pollAndNormalize();

        assertThat(Rows.one("SELECT metadata FROM messages WHERE organization_id = ? AND direction = 'inbound'", rig.org)
                .get("metadata")).satisfies(m -> assertThat(Rows.json(m).path("email").path("autoSubmitted").asBoolean())
                .isTrue());
        assertThat(rig.fx.count("SELECT count(*) FROM messages WHERE organization_id = ? AND direction = 'outbound'",
                rig.org)).isZero();
        assertThat(rig.outbound()).isEmpty();
    }
}
