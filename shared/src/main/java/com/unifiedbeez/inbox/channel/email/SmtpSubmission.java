package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.channel.SendOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a built mail to an SMTP server and says how it ended: taken, refused for good (5xx, a login
 * refused, an address the server will never take) or refused for now (4xx, no answer at all). Every
 * mail the inbox sends goes through here: agents' replies ({@link EmailSender}) and notifications.
 */
public final class SmtpSubmission {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpSubmission.class);

    private SmtpSubmission() {
    }

    /**
     * Connects to {@code server} (logging in when {@code username} is set), sends {@code mail} to its
     * recipients and closes. {@link SendOutcome.Accepted} carries the mail's Message-ID as sent.
     */
    public static SendOutcome submit(Session session, MailServers.Server server, String username, String password,
                                     MimeMessage mail) {
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(server.host(), server.port(), username, password);
            transport.sendMessage(mail, mail.getAllRecipients());
            String messageId = mail.getMessageID();
            return new SendOutcome.Accepted(messageId == null ? "" : messageId);
        } catch (MessagingException e) {
            return outcome(e);
        } finally {
            close(transport);
        }
    }

    /** The server's refusal, for good (5xx, bad login) or for now (4xx, network, timeout). */
    public static SendOutcome outcome(MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new SendOutcome.Rejected("smtp-auth", "login refused: " + e.getMessage());
        }
        int code = replyCode(e);
        if (code >= 400 && code < 500) {
            return new SendOutcome.Retry("smtp-" + code + ": " + e.getMessage(), null);
        }
        if (code >= 500) {
            return new SendOutcome.Rejected("smtp-" + code, e.getMessage());
        }
        if (e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0) {
            return new SendOutcome.Rejected("smtp-invalid-address", e.getMessage());
        }
        // No SMTP reply at all: connection refused, reset or timed out.
        return new SendOutcome.Retry(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
    }

    /** Closes quietly: once the server took the mail, a failing QUIT must not turn it into a retry. */
    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("SMTP close: {}", e.getMessage());
            }
        }
    }

    /** The SMTP reply code in an exception chain (the first that carries one), or 0. */
    private static int replyCode(Exception e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
        }
        return 0;
    }
}
