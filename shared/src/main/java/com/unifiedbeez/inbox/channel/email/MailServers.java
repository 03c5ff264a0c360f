package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import jakarta.mail.Session;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Properties;

/**
 * A mailbox connection's IMAP and SMTP servers, read from its config
 * ({@code imapHost, imapPort, imapSecurity, smtpHost, smtpPort, smtpSecurity, username, fromName};
 * security is {@code ssl | starttls | none}) and its secret {@code password}. Builds the Jakarta
 * Mail sessions, with timeouts so a silent server cannot hold a Lambda until it is killed.
 * {@link #toString} leaves the password out.
 */
public record MailServers(String mailbox, Server imap, Server smtp, String username, String password, String fromName) {
    static final int TIMEOUT_MILLIS = 10_000;

    /** One server: host, port and how the connection is secured. */
    public record Server(String host, int port, String security) {
    }

    public static MailServers of(ChannelConnection connection) {
        String mailbox = connection.externalId().toLowerCase(Locale.ROOT);
        String imapSecurity = security(connection.setting("imapSecurity"), "ssl");
        String smtpSecurity = security(connection.setting("smtpSecurity"), "starttls");
        Server imap = new Server(required(connection, "imapHost"),
                port(connection.setting("imapPort"), switch (imapSecurity) { case "ssl" -> 993; default -> 143; }),
                imapSecurity);
        Server smtp = new Server(required(connection, "smtpHost"), smtpPort(connection.setting("smtpPort"), smtpSecurity),
                smtpSecurity);
        String username = connection.setting("username");
        return new MailServers(mailbox, imap, smtp, username == null || username.isBlank() ? mailbox : username,
                connection.secrets().require("password"), connection.setting("fromName"));
    }

    /** The domain of the mailbox address: the right-hand side of our Message-IDs. */
    public String domain() {
        return mailbox.substring(mailbox.indexOf('@') + 1);
    }

    public Session imapSession() {
        return Session.getInstance(properties("imap", imap));
    }

    public Session smtpSession() {
        return smtpSession(smtp, true);
    }

    /**
     * A session for one SMTP server, logging in only when {@code authenticate} (a relay inside the
     * network may take mail without a login; Jakarta Mail refuses to connect with auth on and no user).
     */
    public static Session smtpSession(Server smtp, boolean authenticate) {
        Properties p = properties("smtp", smtp);
        p.setProperty("mail.smtp.auth", Boolean.toString(authenticate));
        return Session.getInstance(p);
    }

    /** A server's security as configured: {@code ssl | starttls | none}, {@code fallback} when blank. */
    public static String security(String value, String fallback) {
        String v = value == null || value.isBlank() ? fallback : value.toLowerCase(Locale.ROOT);
        if (!v.equals("ssl") && !v.equals("starttls") && !v.equals("none")) {
            throw new IllegalArgumentException("mail security must be ssl, starttls or none, not '" + value + "'");
        }
        return v;
    }

    /** The SMTP port a security implies when none is given: 465 (ssl), 587 (starttls), 25 (none). */
    public static int smtpPort(String value, String security) {
        return port(value, switch (security) { case "ssl" -> 465; case "starttls" -> 587; default -> 25; });
    }

    /** An IMAP session whose connections go to {@code address} (vetted by {@link MailHosts}), not to a new DNS answer. */
    public Session imapSession(InetAddress address) {
        return Session.getInstance(pinned(properties("imap", imap), "imap", address));
    }

    /** An SMTP session whose connections go to {@code address} (vetted by {@link MailHosts}). */
    public Session smtpSession(InetAddress address) {
        Properties p = pinned(properties("smtp", smtp), "smtp", address);
        p.setProperty("mail.smtp.auth", "true");
        return Session.getInstance(p);
    }

    private static Properties pinned(Properties p, String protocol, InetAddress address) {
        p.put("mail." + protocol + ".socketFactory", MailHosts.pinnedTo(address));
        p.setProperty("mail." + protocol + ".socketFactory.fallback", "false");
        return p;
    }

    private static Properties properties(String protocol, Server server) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.setProperty(prefix + "host", server.host());
        p.setProperty(prefix + "port", Integer.toString(server.port()));
        p.setProperty(prefix + "connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        p.setProperty(prefix + "timeout", Integer.toString(TIMEOUT_MILLIS));
        p.setProperty(prefix + "writetimeout", Integer.toString(TIMEOUT_MILLIS));
        switch (server.security()) {
            case "ssl" -> {
                p.setProperty(prefix + "ssl.enable", "true");
                p.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            case "starttls" -> {
                p.setProperty(prefix + "starttls.enable", "true");
                p.setProperty(prefix + "starttls.required", "true");
                p.setProperty(prefix + "ssl.checkserveridentity", "true");
            }
            default -> { } // none: plain text, for local servers only
        }
        return p;
    }

    private static int port(String value, int fallback) {
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static String required(ChannelConnection connection, String name) {
        String value = connection.setting(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("email connection " + connection.id() + " has no " + name);
        }
        return value;
    }

    @Override
    public String toString() {
        return "MailServers[" + mailbox + " imap " + imap + " smtp " + smtp + " user " + username + "]";
    }
}
