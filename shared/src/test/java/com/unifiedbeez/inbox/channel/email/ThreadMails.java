package com.unifiedbeez.inbox.channel.email;

import jakarta.activation.DataHandler;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;

/**
 * A reply thread of three mails as real clients write them: the customer's mail (text + HTML + a
 * photo), our reply (plain text), and the customer's answer to it (HTML only) with In-Reply-To and
 * References pointing back.
 */
public final class ThreadMails {
    public static final String CUSTOMER = "dana@customer.test";
    public static final String FIRST_ID = "first.1042@customer.test";
    public static final String REPLY_ID = "0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000@acme.test";
    public static final String ANSWER_ID = "answer.1042@customer.test";
    public static final String SUBJECT = "Order 1042 arrived broken";
    public static final Instant FIRST_AT = Instant.parse("2025-03-04T09:15:00Z");
    public static final byte[] PHOTO = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4, 5, 6, 7, 8, 0, -1};

    private ThreadMails() {
    }

    public static MimeMessage first(String mailbox) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mail = MailTestbed.mail();
        mail.setFrom(new InternetAddress(CUSTOMER, "Dana Whitfield"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(mailbox));
        mail.setRecipient(RecipientType.CC, new InternetAddress("Lee@Customer.test"));
        mail.setSubject(SUBJECT);
        mail.setSentDate(Date.from(FIRST_AT));
        mail.setHeader("Message-ID", "<" + FIRST_ID + ">");

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello,\nthe mug in order 1042 arrived broken. Photo attached.\nDana", "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText("<p>Hello,</p><p>the mug in order <b>1042</b> arrived broken. Photo attached.</p><p>Dana</p>",
                "UTF-8", "html");
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart photo = new MimeBodyPart();
        photo.setDataHandler(new DataHandler(new ByteArrayDataSource(PHOTO, "image/jpeg")));
        photo.setFileName("broken mug.jpg");
        photo.setDisposition(Part.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(photo);
        mail.setContent(mixed);
        mail.saveChanges();
        return mail;
    }

    public static MimeMessage reply(String mailbox) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mail = MailTestbed.mail();
        mail.setFrom(new InternetAddress(mailbox, "Acme Support"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(CUSTOMER));
        mail.setSubject("Re: " + SUBJECT);
        mail.setSentDate(Date.from(FIRST_AT.plusSeconds(3600)));
        mail.setHeader("Message-ID", "<" + REPLY_ID + ">");
        mail.setHeader("In-Reply-To", "<" + FIRST_ID + ">");
        mail.setHeader("References", "<" + FIRST_ID + ">");
        mail.setText("Sorry to hear that, Dana. A new mug is on its way.", "UTF-8");
        mail.saveChanges();
        return mail;
    }

    public static MimeMessage answer(String mailbox) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mail = MailTestbed.mail();
        mail.setFrom(new InternetAddress(CUSTOMER, "Dana Whitfield"));
        mail.setRecipient(RecipientType.TO, new InternetAddress(mailbox));
        mail.setSubject("Re: Re: " + SUBJECT);
        mail.setSentDate(Date.from(FIRST_AT.plusSeconds(7200)));
        mail.setHeader("Message-ID", "<" + ANSWER_ID + ">");
        mail.setHeader("In-Reply-To", "<" + REPLY_ID + ">");
        // folded over two lines, as clients write long References
        mail.setHeader("References", "<" + FIRST_ID + ">\r\n <" + REPLY_ID + ">");
        mail.setText("<html><head><style>p{color:red}</style></head><body><p>Thank you!</p>"
                + "<p>Fish &amp; chips on me.<br>Dana</p></body></html>", "UTF-8", "html");
        mail.saveChanges();
        return mail;
    }

    /** A plain mail from someone else, for "a new mail arrives". */
    public static MimeMessage other(String mailbox, String messageId, String from) throws MessagingException {
        MimeMessage mail = MailTestbed.mail();
        mail.setFrom(new InternetAddress(from));
        mail.setRecipient(RecipientType.TO, new InternetAddress(mailbox));
        mail.setSubject("Question " + messageId);
        mail.setSentDate(new Date());
        mail.setHeader("Message-ID", "<" + messageId + ">");
        mail.setText("Do you ship to Norway?", "UTF-8");
        mail.saveChanges();
        return mail;
    }
}
