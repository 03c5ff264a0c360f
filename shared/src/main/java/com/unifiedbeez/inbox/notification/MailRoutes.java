package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.email.MailAddress;
import com.unifiedbeez.inbox.channel.email.MailHosts;
import com.unifiedbeez.inbox.channel.email.MailServers;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.platform.config.Config;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Which SMTP server an organization's notification emails go through: the {@link SystemMailbox} when
 * one is configured; else the organization's connected email channel (its first healthy mailbox),
 * with the same settings, credentials and host vetting as an agent's reply from it; else none.
 */
@Singleton
public final class MailRoutes {
    private final Optional<SystemMailbox> system;
    private final ConnectionStore connections;
    private final MailHosts hosts;

    @Inject
    public MailRoutes(Config config, ConnectionStore connections, MailHosts hosts) {
        this(SystemMailbox.of(config), connections, hosts);
    }

    public MailRoutes(Optional<SystemMailbox> system, ConnectionStore connections, MailHosts hosts) {
        this.system = system;
        this.connections = connections;
        this.hosts = hosts;
    }

    public Optional<SystemMailbox> system() {
        return system;
    }

    MailRoute forOrganization(UUID organizationId) {
        if (system.isPresent()) {
            SystemMailbox mailbox = system.get();
            try {
                return new MailRoute.Ready("system mailbox",
                        MailServers.smtpSession(mailbox.smtp(), mailbox.username() != null), mailbox.smtp(),
                        mailbox.username(), mailbox.password(), MailAddress.of(mailbox.from(), mailbox.fromName()));
            } catch (AddressException e) {
                return new MailRoute.Unavailable("email-config", "the system mailbox's From address: " + e.getMessage(),
                        false);
            }
        }
        List<ChannelConnection> live;
        try {
            live = connections.listLive(organizationId, Channel.EMAIL);
        } catch (IllegalStateException e) { // credentials that no longer decrypt (a rotated key)
            return new MailRoute.Unavailable("email-credentials", e.getMessage(), false);
        }
        if (live.isEmpty()) {
            return new MailRoute.Unavailable("no-mail-transport",
                    "no system mailbox is configured and the organization has no connected email channel", false);
        }
        ChannelConnection connection = live.get(0);
        try {
            MailServers servers = MailServers.of(connection);
            // vetted like every send from a customer's mailbox: the host is the tenant's to name
            return new MailRoute.Ready("email channel " + connection.id(),
                    servers.smtpSession(hosts.vet(servers.smtp().host())), servers.smtp(), servers.username(),
                    servers.password(), MailAddress.of(servers.mailbox(), servers.fromName()));
        } catch (MailHosts.RefusedHost e) {
            return new MailRoute.Unavailable("email-host-refused", e.getMessage(), false);
        } catch (IOException e) { // the host's name does not resolve now
            return new MailRoute.Unavailable("smtp-host-unresolved", e.getMessage(), true);
        } catch (AddressException | IllegalArgumentException | IllegalStateException e) {
            return new MailRoute.Unavailable("email-config", e.getMessage(), false);
        }
    }
}
