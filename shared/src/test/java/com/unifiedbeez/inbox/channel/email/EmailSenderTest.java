package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.unifiedbeez.inbox.attachment.S3MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutboundMessage.Media;
import com.unifiedbeez.inbox.channel.OutboundMessage.Recipient;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.channel.SendOutcome;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.LocalAws;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replies over real SMTP (GreenMail): headers, alternatives, attachment, and how refusals end. */
class EmailSenderTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);
    private static final byte[] INVOICE = "%PDF-1.4 invoice 1042".getBytes(StandardCharsets.US_ASCII);

    private final MailTestbed bed = new MailTestbed();
    private final S3MediaStorage storage = new S3MediaStorage(LocalAws.s3(), LocalAws.presigner(), bed.config);
    private final EmailSender sender = new EmailSender(storage, new MailHosts(bed.config));
    private final String mailbox = MailTestbed.mailbox("support");

    private ChannelConnection connection(String config, String password) {
        return new ChannelConnection(UUID.randomUUID(), bed.org, Channel.EMAIL, mailbox, "Acme mail", "active",
                Json.mapper().valueToTree(MailTestbed.json(config)), new Secrets(Map.of("password", password)));
    }

    private ChannelConnection connection(String password) {
        GREENMAIL.setUser(mailbox, mailbox, "smtp-secret");
        return connection(MailTestbed.config(GREENMAIL, mailbox), password);
    }

    private OutboundMessage reply(ObjectNode metadata, List<Media> media) {
        return new OutboundMessage(UUID.randomUUID(), UUID.randomUUID(), MessageType.TEXT, "New mug sent.\nTracking <AB-1>.",
                metadata, new Recipient(ThreadMails.CUSTOMER, "Dana Whitfield"), media,
                new OutboundMessage.Thread(ThreadMails.SUBJECT, ThreadMails.ANSWER_ID,
                        List.of(ThreadMails.FIRST_ID, ThreadMails.REPLY_ID)), null);
    }

    @Test
    void aReplyReachesTheServerWithThreadingHeadersBothAlternativesAndTheAttachment() throws Exception {
        String key = "attachments/" + UUID.randomUUID() + "/invoice.pdf";
        storage.put(key, INVOICE, "application/pdf");
        OutboundMessage message = reply(Json.mapper().createObjectNode(),
                List.of(new Media(null, key, "application/pdf", "invoice 1042.pdf", INVOICE.length)));

        SendOutcome outcome = sender.send(connection("smtp-secret"), message);

        assertThat(outcome).isEqualTo(new SendOutcome.Accepted(message.messageId() + "@acme.test"));
        MimeMessage received = GREENMAIL.getReceivedMessages()[0];
        assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
        InternetAddress from = (InternetAddress) received.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo(mailbox);
        assertThat(from.getPersonal()).isEqualTo("Acme Support");
        assertThat(((InternetAddress) received.getAllRecipients()[0]).getAddress()).isEqualTo(ThreadMails.CUSTOMER);
        assertThat(received.getSubject()).isEqualTo("Re: " + ThreadMails.SUBJECT);
        assertThat(received.getMessageID()).isEqualTo("<" + message.messageId() + "@acme.test>");
        assertThat(received.getHeader("In-Reply-To", null)).isEqualTo("<" + ThreadMails.ANSWER_ID + ">");
        assertThat(MimeParts.ids(received.getHeader("References", " ")))
                .containsExactly(ThreadMails.FIRST_ID, ThreadMails.REPLY_ID, ThreadMails.ANSWER_ID);

        assertThat(received.isMimeType("multipart/mixed")).isTrue();
        Multipart mixed = (Multipart) received.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).isMimeType("multipart/alternative")).isTrue();
        assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
        // SMTP carries lines as CRLF
        assertThat(((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n"))
                .isEqualTo("New mug sent.\nTracking <AB-1>.");
        assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("New mug sent.<br>")
                .contains("Tracking &lt;AB-1&gt;.");
        Part attachment = mixed.getBodyPart(1);
        assertThat(attachment.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(attachment.getFileName()).isEqualTo("invoice 1042.pdf");
        assertThat(attachment.isMimeType("application/pdf")).isTrue();
        assertThat(MimeParts.bytes(attachment)).isEqualTo(INVOICE);
    }

    @Test
    void theHtmlOfTheMessageIsUsedAndAReSubjectIsNotDoubled() throws Exception {
        ObjectNode metadata = Json.mapper().createObjectNode().put("html", "<p>New mug <b>sent</b>.</p>");
        OutboundMessage message = new OutboundMessage(UUID.randomUUID(), null, MessageType.TEXT, "New mug sent.", metadata,
                new Recipient(ThreadMails.CUSTOMER, null), List.of(),
                new OutboundMessage.Thread("RE: " + ThreadMails.SUBJECT, ThreadMails.ANSWER_ID, List.of()), null);
        ChannelConnection connection = connection("{\"imapHost\":\"imap.acme.test\",\"smtpHost\":\"smtp.acme.test\"}", "x");

        MimeMessage mail = sender.normalizeOutgoing(connection, message, Session.getInstance(new Properties()));

        assertThat(mail.getSubject()).isEqualTo("RE: " + ThreadMails.SUBJECT);
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        Multipart alternative = (Multipart) mail.getContent();
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>New mug <b>sent</b>.</p>");
        assertThat(mail.getHeader("References", " ")).isEqualTo("<" + ThreadMails.ANSWER_ID + ">");
        mail.saveChanges(); // as Transport does: our Message-ID survives
        assertThat(mail.getMessageID()).isEqualTo("<" + message.messageId() + "@acme.test>");
    }

    @Test
    void aRefusedLoginIsRejectedWithoutThePassword() {
        SendOutcome outcome = sender.send(connection("not-the-password"), reply(Json.mapper().createObjectNode(), List.of()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo("smtp-auth");
            assertThat(r.reason()).doesNotContain("not-the-password").doesNotContain("smtp-secret");
        });
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aHostThatNowResolvesToAPrivateAddressIsRejectedAndNothingIsSent() {
        // Vetted at connect, then its DNS was pointed at loopback (rebinding): production refuses private hosts.
        EmailSender production = new EmailSender(storage,
                new MailHosts(false, name -> new InetAddress[] {InetAddress.getLoopbackAddress()}));

        SendOutcome outcome = production.send(connection("smtp-secret"), reply(Json.mapper().createObjectNode(), List.of()));

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.code()).isEqualTo("email-host-refused");
            assertThat(r.reason()).contains("not a public address").doesNotContain("smtp-secret");
        });
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerIsRetried() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String config = "{\"imapHost\":\"127.0.0.1\",\"smtpHost\":\"127.0.0.1\",\"smtpPort\":" + closed
                + ",\"smtpSecurity\":\"none\"}";

        SendOutcome outcome = sender.send(connection(config, "smtp-secret"), reply(Json.mapper().createObjectNode(), List.of()));

        assertThat(outcome).isInstanceOf(SendOutcome.Retry.class);
    }

    @Test
    void smtpReplyCodesDecideBetweenRetryAndRejected() throws Exception {
        InternetAddress dana = new InternetAddress(ThreadMails.CUSTOMER);
        SendFailedException unknownUser = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(dana, "RCPT TO", 550, "550 5.1.1 no such user"), null, null,
                new InternetAddress[] {dana});
        SendFailedException mailboxBusy = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(dana, "RCPT TO", 451, "451 4.3.0 try again later"), null, null,
                new InternetAddress[] {dana});
        SMTPSendFailedException tooBig = new SMTPSendFailedException("DATA", 552, "552 message too large", null,
                null, null, null);

        assertThat(SmtpSubmission.outcome(unknownUser)).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo("smtp-550"));
        assertThat(SmtpSubmission.outcome(mailboxBusy)).isInstanceOf(SendOutcome.Retry.class);
        assertThat(SmtpSubmission.outcome(tooBig)).isInstanceOfSatisfying(SendOutcome.Rejected.class,
                r -> assertThat(r.code()).isEqualTo("smtp-552"));
    }
}
