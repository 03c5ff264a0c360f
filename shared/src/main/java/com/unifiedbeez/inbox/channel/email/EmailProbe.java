package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.connection.ConnectionProbe;
import com.unifiedbeez.inbox.connection.HealthReport;
import com.unifiedbeez.inbox.connection.HealthReport.Check;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/** A mailbox is healthy when its IMAP login opens INBOX and its SMTP login is accepted. */
@Singleton
public final class EmailProbe implements ConnectionProbe {

    @Inject
    public EmailProbe() {
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public HealthReport check(ChannelConnection connection) {
        MailServers servers;
        try {
            servers = MailServers.of(connection);
        } catch (RuntimeException e) {
            return HealthReport.of(List.of(new Check("email-config", false, e.getMessage())));
        }
        return HealthReport.of(List.of(imap(servers), smtp(servers)));
    }

    private static Check imap(MailServers servers) {
        try {
            Store store = servers.imapSession().getStore("imap");
            store.connect(servers.imap().host(), servers.imap().port(), servers.username(), servers.password());
            try {
                Folder inbox = store.getFolder(EmailPoller.MAILBOX);
                inbox.open(Folder.READ_ONLY);
                int count = inbox.getMessageCount();
                inbox.close(false);
                return new Check("imap-login", true, "INBOX opened on " + servers.imap().host() + ", " + count + " messages");
            } finally {
                store.close();
            }
        } catch (MessagingException | RuntimeException e) {
            return new Check("imap-login", false, detail(e));
        }
    }

    private static Check smtp(MailServers servers) {
        Transport transport = null;
        try {
            transport = servers.smtpSession().getTransport("smtp");
            transport.connect(servers.smtp().host(), servers.smtp().port(), servers.username(), servers.password());
            String answer = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "connected";
            return new Check("smtp-login", true, answer == null ? "connected" : answer.strip());
        } catch (MessagingException | RuntimeException e) {
            return new Check("smtp-login", false, detail(e));
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the login was the check
                }
            }
        }
    }

    /** The server's answer or the network failure; Jakarta Mail's messages carry no password. */
    private static String detail(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    }
}
