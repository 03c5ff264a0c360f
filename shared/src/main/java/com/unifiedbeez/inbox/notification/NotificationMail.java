package com.unifiedbeez.inbox.notification;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.email.HtmlText;
import com.unifiedbeez.inbox.notification.NotificationStore.DueEmail;
import com.unifiedbeez.inbox.settings.NotificationKind;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * The words and the MIME of a notification email: a subject that says what happened, the sentence
 * the mail opens with, the note (or the latest message) quoted, the conversation's id, and why the
 * user gets it — as text and HTML alternatives, names and quoted text escaped in the HTML. Nothing
 * secret goes in: no token, no link that signs anyone in.
 */
final class NotificationMail {
    /** The longest quote a mail carries; the app has the rest. */
    static final int EXCERPT_MAX = 2_000;
    private static final int NAME_MAX = 80;
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private NotificationMail() {
    }

    static String mentionSubject(String actor, String contact) {
        return name(actor, "Someone") + " mentioned you in a conversation with " + name(contact, "a customer");
    }

    static String mentionHeadline(String actor, String contact, Channel channel) {
        return name(actor, "Someone") + " mentioned you in a note on " + article(channel) + " conversation with "
                + name(contact, "a customer") + ".";
    }

    static String assignmentSubject(String contact) {
        return "A conversation with " + name(contact, "a customer") + " was assigned to you";
    }

    /** {@code actor} null: the system assigned (or the event does not say who). */
    static String assignmentHeadline(String actor, String contact, Channel channel) {
        String conversation = article(channel) + " conversation with " + name(contact, "a customer");
        return actor == null ? "You were assigned " + conversation + "."
                : name(actor, "Someone") + " assigned you " + conversation + ".";
    }

    /** At most {@value #EXCERPT_MAX} characters of {@code text}; null when there is no text. */
    static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return shortened(text.strip(), EXCERPT_MAX);
    }

    /** The mail of a decided notification, from {@code from} (its Message-ID is the decision's). */
    static MimeMessage build(Session session, InternetAddress from, DueEmail email) throws MessagingException {
        String messageId = "<" + email.id() + "@" + from.getAddress().substring(from.getAddress().indexOf('@') + 1) + ">";
        MimeMessage mail = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId); // the same on a retry: a receiver may tell it is one mail
            }
        };
        mail.setFrom(from);
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(email.recipient(), true));
        mail.setSubject(email.subject(), "UTF-8");
        mail.setSentDate(new Date());
        // RFC 3834: automatic mail; out-of-office replies and auto-responders leave it alone
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.setHeader("X-Auto-Response-Suppress", "All");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text(email), "UTF-8", "plain");
        alternative.addBodyPart(plain);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html(email), "UTF-8", "html");
        alternative.addBodyPart(rich);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }

    static String text(DueEmail email) {
        StringBuilder text = new StringBuilder(email.headline()).append("\n\n");
        if (email.excerpt() != null) {
            text.append(quoteLabel(email.kind())).append('\n');
            for (String line : email.excerpt().split("\r?\n", -1)) {
                text.append("> ").append(line).append('\n');
            }
            text.append('\n');
        }
        text.append("Conversation: ").append(email.conversationId()).append("\n\n")
                .append("-- \n").append(why(email.kind())).append('\n');
        return text.toString();
    }

    static String html(DueEmail email) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family: sans-serif\">\n")
                .append("<p>").append(HtmlText.escape(email.headline())).append("</p>\n");
        if (email.excerpt() != null) {
            html.append("<p>").append(HtmlText.escape(quoteLabel(email.kind()))).append("</p>\n")
                    .append("<blockquote style=\"border-left: 3px solid #ccc; margin: 0; padding-left: 12px\">")
                    .append(HtmlText.lines(email.excerpt())).append("</blockquote>\n");
        }
        html.append("<p>Conversation: <code>").append(email.conversationId()).append("</code></p>\n")
                .append("<p style=\"color: #666; font-size: smaller\">").append(HtmlText.escape(why(email.kind())))
                .append("</p>\n</body></html>\n");
        return html.toString();
    }

    private static String quoteLabel(NotificationKind kind) {
        return kind == NotificationKind.MENTION ? "The note:" : "The latest message:";
    }

    private static String why(NotificationKind kind) {
        String what = kind == NotificationKind.MENTION ? "mentions" : "conversations assigned to you";
        return "You get this email because email notifications for " + what
                + " are on in your inbox settings (Settings > Notifications).";
    }

    /** A name as one line of at most {@value #NAME_MAX} characters; {@code fallback} when there is none. */
    static String name(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        String clean = SPACES.matcher(CONTROL.matcher(value).replaceAll(" ")).replaceAll(" ").strip();
        if (clean.isEmpty()) {
            return fallback;
        }
        return shortened(clean, NAME_MAX);
    }

    /** At most {@code max} code points: the first {@code max - 1} and an ellipsis when longer. */
    private static String shortened(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static String article(Channel channel) {
        return switch (channel) {
            case WHATSAPP -> "a WhatsApp";
            case EMAIL -> "an email";
            case INSTAGRAM -> "an Instagram";
            case MESSENGER -> "a Messenger";
            case TELEGRAM -> "a Telegram";
            case SMS -> "an SMS";
        };
    }
}
