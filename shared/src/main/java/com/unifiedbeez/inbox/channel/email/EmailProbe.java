package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionProbe;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.channel.HealthReport.Check;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.io.IOException;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mailbox is healthy when its IMAP login opens INBOX and its SMTP login is accepted. Both servers
 * are the tenant admin's to name, so each is vetted first ({@link MailHosts}: public addresses only,
 * connected to as vetted) and a failed check says the same thing whatever failed — a refused or
 * timed-out connection, a TLS failure, a refused login, a host we will not call — so connect and
 * health cannot be used to map which ports answer where. The real reason goes to our log.
 */
@Singleton
public final class EmailProbe implements ConnectionProbe {
    private static final Logger LOG = LoggerFactory.getLogger(EmailProbe.class);

    private final MailHosts hosts;

    @Inject
    public EmailProbe(MailHosts hosts) {
        this.hosts = hosts;
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

    private Check imap(MailServers servers) {
        try {
            Store store = servers.imapSession(hosts.vet(servers.imap().host())).getStore("imap");
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
        } catch (MessagingException | IOException | RuntimeException e) {
            return failed("imap-login", "IMAP", servers.imap(), e);
        }
    }

    private Check smtp(MailServers servers) {
        Transport transport = null;
        try {
            transport = servers.smtpSession(hosts.vet(servers.smtp().host())).getTransport("smtp");
            transport.connect(servers.smtp().host(), servers.smtp().port(), servers.username(), servers.password());
            String answer = transport instanceof SMTPTransport smtp ? smtp.getLastServerResponse() : "connected";
            return new Check("smtp-login", true, answer == null ? "connected" : answer.strip());
        } catch (MessagingException | IOException | RuntimeException e) {
            return failed("smtp-login", "SMTP", servers.smtp(), e);
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

    /** One answer for every failure of a login; what really happened is logged (Jakarta Mail's messages carry no password). */
    private static Check failed(String check, String protocol, MailServers.Server server, Exception e) {
        LOG.info("{} check of {}:{} failed: {}", protocol, server.host(), server.port(),
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage().strip());
        return new Check(check, false, "could not sign in to the " + protocol + " server " + server.host() + ":"
                + server.port() + " with these settings (host, port, security, user name and password)");
    }
}
