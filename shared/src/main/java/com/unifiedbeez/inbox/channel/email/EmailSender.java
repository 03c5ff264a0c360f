package com.unifiedbeez.inbox.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.OutboundMessage;
import com.unifiedbeez.inbox.channel.OutgoingSender;
import com.unifiedbeez.inbox.channel.SendOutcome;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an agent's reply over the mailbox's SMTP server: text and HTML alternatives (with the agent's
 * signature, {@code metadata.signature}, appended to both), attachments from the media bucket, and
 * threading headers; the inbox's automatic replies are marked {@code Auto-Submitted: auto-replied}. The Message-ID is ours ({@code <messageId@mailbox-domain>}),
 * so it is known before the server answers and the customer's reply finds the thread by it.
 */
@Singleton
public final class EmailSender implements OutgoingSender {
    private static final Logger LOG = LoggerFactory.getLogger(EmailSender.class);

    private final MediaStorage storage;
    private final MailHosts hosts;

    @Inject
    public EmailSender(MediaStorage storage, MailHosts hosts) {
        this.storage = storage;
        this.hosts = hosts;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /** The Message-ID (without brackets) a send of this message carries, and its external id. */
    public static String messageId(MailServers servers, OutboundMessage message) {
        return message.messageId() + "@" + servers.domain();
    }

    /** The mail as it will be sent, headers and parts; reads attachments from the media bucket. */
    public MimeMessage normalizeOutgoing(ChannelConnection connection, OutboundMessage message, Session session)
            throws MessagingException {
        MailServers servers = MailServers.of(connection);
        String messageId = "<" + messageId(servers, message) + ">";
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId); // ours, not one Jakarta Mail makes up at send time
            }
        };
        mail.setFrom(MailAddress.of(servers.mailbox(), servers.fromName()));
        mail.setRecipient(Message.RecipientType.TO, MailAddress.of(message.to().identifier(), message.to().displayName()));
        OutboundMessage.Thread thread = message.thread();
        mail.setSubject(subject(thread, message), "UTF-8");
        mail.setSentDate(new Date());
        if (thread != null && thread.inReplyTo() != null) {
            mail.setHeader("In-Reply-To", "<" + thread.inReplyTo() + ">");
        }
        List<String> references = references(thread);
        if (!references.isEmpty()) {
            mail.setHeader("References", references.stream().map(id -> "<" + id + ">").collect(Collectors.joining(" ")));
        }

        if (message.metadata().path("automatic").isTextual()) {
            mail.setHeader("Auto-Submitted", "auto-replied"); // RFC 3834: no other responder answers it
        }

        String text = message.text() == null ? "" : message.text();
        JsonNode html = message.metadata().get("html");
        String rich = html != null && html.isTextual() ? html.asText() : HtmlText.fromText(text);
        JsonNode signature = message.metadata().path("signature");
        if (signature.path("text").isTextual() && !signature.path("text").asText().isBlank()) {
            String signatureText = signature.path("text").asText();
            // RFC 3676 4.3: "-- " alone on a line starts the signature, which mail readers can then tell apart.
            text = (text.isEmpty() ? "" : text + "\n\n") + "-- \n" + signatureText;
            JsonNode signatureHtml = signature.path("html");
            rich = HtmlText.withSignature(rich, signatureHtml.isTextual() ? signatureHtml.asText()
                    : HtmlText.lines(signatureText));
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8", "plain");
        alternative.addBodyPart(plain);
        MimeBodyPart richPart = new MimeBodyPart();
        richPart.setText(rich, "UTF-8", "html");
        alternative.addBodyPart(richPart);

        if (message.media().isEmpty()) {
            mail.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (OutboundMessage.Media media : message.media()) {
                MimeBodyPart attachment = new MimeBodyPart();
                String type = media.contentType() == null ? "application/octet-stream" : media.contentType();
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(storage.get(media.storageKey()), type)));
                attachment.setDisposition(Part.ATTACHMENT);
                if (media.fileName() != null) {
                    attachment.setFileName(media.fileName());
                }
                mixed.addBodyPart(attachment);
            }
            mail.setContent(mixed);
        }
        mail.saveChanges();
        return mail;
    }

    @Override
    public SendOutcome send(ChannelConnection connection, OutboundMessage message) {
        MailServers servers;
        MimeMessage mail;
        Session session;
        try {
            servers = MailServers.of(connection);
            // Vetted on every send, not only at connect: the host's DNS may point somewhere private since.
            session = servers.smtpSession(hosts.vet(servers.smtp().host()));
            mail = normalizeOutgoing(connection, message, session);
        } catch (MailHosts.RefusedHost e) {
            return new SendOutcome.Rejected("email-host-refused", e.getMessage());
        } catch (IOException e) { // the SMTP host's name does not resolve now
            return new SendOutcome.Retry("smtp host unresolved: " + e.getMessage(), null);
        } catch (AddressException e) {
            return new SendOutcome.Rejected("invalid-address", e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new SendOutcome.Rejected("email-config", e.getMessage());
        } catch (MessagingException e) {
            return new SendOutcome.Rejected("email-build", e.getMessage());
        } catch (RuntimeException e) { // an attachment not readable from the bucket now
            return new SendOutcome.Retry("attachment unavailable: " + e.getMessage(), null);
        }
        SendOutcome outcome = SmtpSubmission.submit(session, servers.smtp(), servers.username(), servers.password(), mail);
        if (outcome instanceof SendOutcome.Accepted) {
            return new SendOutcome.Accepted(messageId(servers, message));
        }
        LOG.info("email send {} via {}: {}", message.messageId(), servers.smtp().host(), outcome);
        return outcome;
    }

    private static String subject(OutboundMessage.Thread thread, OutboundMessage message) {
        String subject = thread != null && thread.subject() != null ? thread.subject()
                : message.metadata().path("subject").asText("");
        boolean replying = thread != null && thread.inReplyTo() != null;
        return replying && !subject.toLowerCase(Locale.ROOT).startsWith("re:") ? "Re: " + subject : subject;
    }

    /** The thread so far, oldest first, ending with the mail answered (RFC 5322 3.6.4). */
    private static List<String> references(OutboundMessage.Thread thread) {
        List<String> references = new ArrayList<>();
        if (thread == null) {
            return references;
        }
        thread.references().stream().filter(id -> !references.contains(id)).forEach(references::add);
        if (thread.inReplyTo() != null && !references.contains(thread.inReplyTo())) {
            references.add(thread.inReplyTo());
        }
        return references;
    }
}
