package com.unifiedbeez.inbox.local.sandbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.notification.SystemMailbox;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local mail server (GreenMail, in process): SMTP and IMAP on localhost, a login for every
 * sandbox mailbox and for a customer mailbox. The seeded email connection reads and sends here;
 * the sandbox's customer writes here over SMTP.
 */
public final class LocalMailServer implements AutoCloseable {
    private final GreenMail greenMail;

    private LocalMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts SMTP and IMAP on 127.0.0.1 (port 0: a free port each). */
    public static LocalMailServer start(int smtpPort, int imapPort) {
        ServerSetup smtp = new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        GreenMail greenMail = new GreenMail(new ServerSetup[] {smtpPort == 0 ? smtp.dynamicPort() : smtp,
                imapPort == 0 ? imap.dynamicPort() : imap});
        greenMail.start();
        greenMail.setUser(SandboxAccounts.CUSTOMER_MAILBOX, SandboxAccounts.CUSTOMER_MAILBOX,
                SandboxAccounts.CUSTOMER_MAILBOX_PASSWORD);
        return new LocalMailServer(greenMail);
    }

    /** Logins for the accounts' mailboxes (username and password as the connections hold them). */
    public LocalMailServer withMailboxes(SandboxAccounts accounts) {
        for (SandboxAccount a : accounts.all()) {
            if (a.channel() == Channel.EMAIL) {
                greenMail.setUser(a.externalId(), a.setting("username"), a.secret("password"));
            }
        }
        return this;
    }

    /** The From address of notification emails here (the system mailbox is this server). */
    public static final String NOTIFICATIONS_FROM = "notifications@inbox.local";

    /**
     * The notification mailer's system mailbox: this server's SMTP, in plain text (it is on
     * 127.0.0.1), no login. Mails to the demo users land in mailboxes GreenMail makes on delivery,
     * readable over IMAP with the user's address as login and password. Empty when the environment
     * names a system mailbox of its own ({@link SystemMailbox#HOST}): that one is used.
     */
    public Map<String, String> notificationMailbox() {
        String configured = System.getenv(SystemMailbox.HOST);
        if (configured != null && !configured.isBlank()) {
            return Map.of();
        }
        return Map.of(SystemMailbox.HOST, "127.0.0.1", SystemMailbox.PORT, Integer.toString(smtpPort()),
                SystemMailbox.SECURITY, "none", SystemMailbox.FROM, NOTIFICATIONS_FROM);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** A customer's email to one of our mailboxes, over SMTP like any mail client; returns its Message-ID. */
    String send(String from, String name, String to, String subject, String text, String inReplyTo)
            throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(smtpPort()));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        try {
            message.setFrom(new InternetAddress(from, name));
        } catch (UnsupportedEncodingException e) {
            message.setFrom(new InternetAddress(from));
        }
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(new Date());
        message.setText(text, "UTF-8");
        if (inReplyTo != null && !inReplyTo.isBlank()) {
            message.setHeader("In-Reply-To", inReplyTo);
            message.setHeader("References", inReplyTo);
        }
        message.saveChanges();
        Transport.send(message);
        return message.getMessageID();
    }

    /** Mail the server received from one of our mailboxes (what we sent), newest first. */
    List<Map<String, Object>> sentFrom(SandboxAccounts accounts) throws MessagingException {
        List<String> ours = accounts.all().stream().filter(a -> a.channel() == Channel.EMAIL)
                .map(SandboxAccount::externalId).toList();
        List<Map<String, Object>> sent = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            String from = m.getFrom() == null || m.getFrom().length == 0 ? "" : ((InternetAddress) m.getFrom()[0])
                    .getAddress();
            if (ours.contains(from)) {
                Date date = m.getSentDate();
                sent.add(0, Answers.obj("at", date == null ? null : Instant.ofEpochMilli(date.getTime()).toString(),
                        "messageId", m.getMessageID(), "from", from, "to", m.getHeader("To", ","),
                        "subject", m.getSubject(), "inReplyTo", m.getHeader("In-Reply-To", " ")));
            }
        }
        return sent;
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
