package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.channel.email.MailServers;
import com.unifiedbeez.inbox.platform.config.Config;
import java.util.Optional;

/**
 * The operator's mailbox notifications are sent from, when configured ({@value #HOST} set): an SMTP
 * relay with a From address of the product's, for every organization. Without it an organization's
 * notifications go out through its own connected email channel. It is our configuration, not a
 * tenant's, so its host is not vetted like a customer's mail server (a relay inside the VPC is fine).
 * {@link #toString} leaves the password out.
 *
 * @param username null: the relay takes mail without a login
 */
public record SystemMailbox(MailServers.Server smtp, String username, String password, String from, String fromName) {
    public static final String HOST = "INBOX_NOTIFICATION_SMTP_HOST";
    /** Default: 465 for ssl, 587 for starttls, 25 for none. */
    public static final String PORT = "INBOX_NOTIFICATION_SMTP_PORT";
    /** {@code ssl | starttls | none}; default starttls. */
    public static final String SECURITY = "INBOX_NOTIFICATION_SMTP_SECURITY";
    public static final String USERNAME = "INBOX_NOTIFICATION_SMTP_USERNAME";
    public static final String PASSWORD = "INBOX_NOTIFICATION_SMTP_PASSWORD";
    /** The From address; required with a host. */
    public static final String FROM = "INBOX_NOTIFICATION_FROM";
    public static final String FROM_NAME = "INBOX_NOTIFICATION_FROM_NAME";
    static final String DEFAULT_FROM_NAME = "UnifiedBeez Inbox";

    /** The configured mailbox; empty without {@value #HOST}. A host without a From address is a configuration error. */
    public static Optional<SystemMailbox> of(Config config) {
        Optional<String> host = config.get(HOST);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String security = MailServers.security(config.get(SECURITY).orElse(null), "starttls");
        int port = MailServers.smtpPort(config.get(PORT).orElse(null), security);
        String from = config.get(FROM).orElseThrow(() -> new IllegalStateException(
                FROM + " must name the From address of notification emails when " + HOST + " is set"));
        String username = config.get(USERNAME).orElse(null);
        return Optional.of(new SystemMailbox(new MailServers.Server(host.get().trim(), port, security), username,
                username == null ? null : config.get(PASSWORD).orElse(""), from.trim(),
                config.get(FROM_NAME).orElse(DEFAULT_FROM_NAME)));
    }

    @Override
    public String toString() {
        return "SystemMailbox[" + smtp + " from " + from + (username == null ? "" : " user " + username) + "]";
    }
}
