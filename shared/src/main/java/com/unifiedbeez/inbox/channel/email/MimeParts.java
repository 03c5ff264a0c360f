package com.unifiedbeez.inbox.channel.email;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading raw mail: parsing, message ids, addresses, and the leaf parts of a MIME tree by path. */
final class MimeParts {
    private static final Session PARSING = Session.getInstance(new Properties());
    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

    /** A leaf of the MIME tree and its IMAP-style path: "1" for a single-part message, "2.1" nested. */
    record Leaf(String path, Part part) {
    }

    private MimeParts() {
    }

    static MimeMessage parse(byte[] raw) {
        try {
            return new MimeMessage(PARSING, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not a MIME message: " + e.getMessage(), e);
        }
    }

    /** The ids of a Message-ID, In-Reply-To or References header, without angle brackets, in header order. */
    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header == null) {
            return ids;
        }
        Matcher m = ID.matcher(header);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty() && !header.isBlank() && !header.trim().contains(" ")) {
            ids.add(header.trim()); // a bare id some clients write without brackets
        }
        return ids;
    }

    static String header(Part part, String name) throws MessagingException {
        String[] values = part.getHeader(name);
        return values == null || values.length == 0 ? null : String.join(" ", values);
    }

    /** The address of an Internet address, lower-case; null for a group or other kind. */
    static String address(Address address) {
        return address instanceof InternetAddress internet && internet.getAddress() != null
                ? internet.getAddress().toLowerCase(Locale.ROOT) : null;
    }

    static List<String> addresses(Address[] addresses) {
        List<String> result = new ArrayList<>();
        if (addresses != null) {
            for (Address a : addresses) {
                String address = address(a);
                if (address != null) {
                    result.add(address);
                }
            }
        }
        return result;
    }

    /** The first address of From, else Sender, else Reply-To; null when the mail names none. */
    static InternetAddress sender(MimeMessage message) throws MessagingException {
        for (Address[] candidates : new Address[][] {message.getFrom(), new Address[] {message.getSender()},
                message.getReplyTo()}) {
            if (candidates != null) {
                for (Address a : candidates) {
                    if (address(a) != null) {
                        return (InternetAddress) a;
                    }
                }
            }
        }
        return null;
    }

    static List<Leaf> leaves(Part root) throws MessagingException, IOException {
        List<Leaf> leaves = new ArrayList<>();
        if (root.isMimeType("multipart/*")) {
            collect((Multipart) root.getContent(), "", leaves);
        } else {
            leaves.add(new Leaf("1", root));
        }
        return leaves;
    }

    private static void collect(Multipart multipart, String prefix, List<Leaf> leaves)
            throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            String path = prefix + (i + 1);
            if (part.isMimeType("multipart/*")) {
                collect((Multipart) part.getContent(), path + ".", leaves);
            } else {
                leaves.add(new Leaf(path, part));
            }
        }
    }

    /** An attached file: disposition attachment, or any part (inline images too) that carries a file name. */
    static boolean isAttachment(Part part) throws MessagingException {
        return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
    }

    static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }

    /** The content type without its parameters ("image/png"). */
    static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            return "application/octet-stream";
        }
    }

    /** The decoded bytes of a leaf (base64 / quoted-printable undone). */
    static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** A leaf's text, decoded with its charset. */
    static String text(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        return content instanceof String s ? s : new String(bytes(part), java.nio.charset.StandardCharsets.UTF_8);
    }
}
