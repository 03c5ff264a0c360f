package com.unifiedbeez.inbox.channel.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.platform.json.Json;
import jakarta.activation.DataSource;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail Jakarta Mail cannot read as written (a {@code multipart/related} from Outlook with no start
 * boundary, an unparsable From, a broken encoding), kept as well as it can be: a message marked
 * {@code metadata.unparsed} (with {@code unparsedReason}), its raw MIME left in the media bucket
 * ({@code metadata.email.raw}), the headers read leniently, and whatever text can be recovered —
 * first by parsing again with Jakarta Mail's lenient multipart settings (a boundary parameter that
 * does not match the body is ignored), else from the body as it stands. Attachments are not
 * extracted from such a mail: an agent finds them in the raw MIME. Never throws: a mail no reader
 * understands must still reach the inbox, never block the customer's queue.
 */
final class UnreadableMail {
    /** Recovered text beyond this is left in the raw MIME (a broken part may be a whole attachment). */
    static final int MAX_TEXT = 100_000;
    private static final int MAX_DEPTH = 10;
    private static final Session LENIENT = Session.getInstance(lenient());
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[^\\s<>\"',;:()\\[\\]]+");
    private static final Pattern HTML = Pattern.compile("(?i)<(html|body|p|div|br|table)\\b");

    private UnreadableMail() {
    }

    private static Properties lenient() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        return p;
    }

    static InboundMessage message(String key, byte[] raw, Exception reason) {
        InternetHeaders headers = headers(raw);
        List<String> messageIds = MimeParts.ids(header(headers, "Message-ID"));
        String externalId = messageIds.isEmpty() ? "sha256-" + EmailInbound.sha256(raw) : messageIds.get(0);
        String inReplyTo = MimeParts.ids(header(headers, "In-Reply-To")).stream().findFirst().orElse(null);
        Set<String> references = new LinkedHashSet<>();
        if (inReplyTo != null) {
            references.add(inReplyTo);
        }
        List<String> thread = MimeParts.ids(header(headers, "References"));
        for (int i = thread.size() - 1; i >= 0; i--) {
            references.add(thread.get(i));
        }

        InternetAddress sender = firstAddress(headers, "From", "Sender", "Reply-To");
        String address = sender == null ? "unknown" : sender.getAddress().toLowerCase(Locale.ROOT);
        Customer from = new Customer(address, sender == null ? null : sender.getPersonal(), null,
                sender == null ? null : address);

        String subject = decoded(header(headers, "Subject"));
        ObjectNode metadata = Json.mapper().createObjectNode();
        metadata.put("unparsed", true);
        metadata.put("unparsedReason", reason.getClass().getSimpleName()
                + (reason.getMessage() == null ? "" : ": " + reason.getMessage()));
        ObjectNode email = metadata.putObject("email");
        email.put("subject", subject);
        email.put("messageId", externalId);
        email.put("inReplyTo", inReplyTo);
        references.forEach(email.putArray("references")::add);
        addresses(headers, "To").forEach(email.putArray("to")::add);
        addresses(headers, "Cc").forEach(email.putArray("cc")::add);
        if (sender != null) {
            email.putObject("from").put("address", address).put("name", sender.getPersonal());
        }
        email.put("raw", key);

        Instant sentAt = date(header(headers, "Date"));
        return new InboundMessage(externalId, from, sentAt == null ? Instant.now() : sentAt, MessageType.TEXT, text(raw),
                metadata, List.of(), inReplyTo, List.copyOf(references));
    }

    /** The sender's address as {@link #message} reads it, "unknown" when the mail names none. */
    static String sender(byte[] raw) {
        InternetAddress sender = firstAddress(headers(raw), "From", "Sender", "Reply-To");
        return sender == null ? "unknown" : sender.getAddress().toLowerCase(Locale.ROOT);
    }

    private static InternetHeaders headers(byte[] raw) {
        try {
            return new InternetHeaders(new ByteArrayInputStream(raw));
        } catch (MessagingException | RuntimeException e) {
            return new InternetHeaders();
        }
    }

    private static String header(InternetHeaders headers, String name) {
        String[] values = headers.getHeader(name);
        return values == null || values.length == 0 ? null : MimeUtility.unfold(String.join(" ", values));
    }

    private static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return value;
        }
    }

    /** The first address found in these headers, parsed leniently, else anything that looks like one. */
    private static InternetAddress firstAddress(InternetHeaders headers, String... names) {
        for (String name : names) {
            List<InternetAddress> found = parsed(header(headers, name));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return null;
    }

    private static List<String> addresses(InternetHeaders headers, String name) {
        return parsed(header(headers, name)).stream().map(a -> a.getAddress().toLowerCase(Locale.ROOT)).toList();
    }

    private static List<InternetAddress> parsed(String value) {
        List<InternetAddress> result = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return result;
        }
        try {
            for (Address a : InternetAddress.parseHeader(value, false)) {
                if (a instanceof InternetAddress internet && internet.getAddress() != null
                        && ADDRESS.matcher(internet.getAddress()).matches()) {
                    result.add(new InternetAddress(internet.getAddress(), decoded(internet.getPersonal()), "UTF-8"));
                }
            }
        } catch (MessagingException | java.io.UnsupportedEncodingException | RuntimeException e) {
            result.clear();
        }
        if (result.isEmpty()) {
            Matcher m = ADDRESS.matcher(value);
            while (m.find()) {
                InternetAddress bare = new InternetAddress();
                bare.setAddress(m.group());
                result.add(bare);
            }
        }
        return result;
    }

    private static Instant date(String value) {
        if (value == null) {
            return null;
        }
        try {
            Date date = new MailDateFormat().parse(value, new ParsePosition(0));
            return date == null ? null : date.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The text of the mail: from a lenient parse when that works, else the body as it stands. */
    static String text(byte[] raw) {
        String text;
        try {
            text = lenientText(raw);
        } catch (Exception e) {
            text = null;
        }
        if (text == null || text.isBlank()) {
            text = bodyText(raw);
        }
        if (text == null || text.isBlank()) {
            return null;
        }
        text = text.strip();
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private static String lenientText(byte[] raw) throws Exception {
        String[] texts = new String[2]; // plain, html
        collect(new MimeMessage(LENIENT, new ByteArrayInputStream(raw)), texts, 0);
        return texts[0] != null && !texts[0].isBlank() ? texts[0] : texts[1] == null ? null : HtmlText.of(texts[1]);
    }

    /** The first text/plain and text/html leaves, reading every multipart leniently ({@link LenientMultipart}). */
    private static void collect(Part part, String[] texts, int depth) throws Exception {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            InputStream content = part instanceof MimeMessage m ? m.getRawInputStream()
                    : ((MimeBodyPart) part).getRawInputStream();
            MimeMultipart multipart = new LenientMultipart(new ByteArrayDataSource(content, part.getContentType()));
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), texts, depth + 1);
            }
        } else if (!MimeParts.isAttachment(part)) {
            if (texts[0] == null && part.isMimeType("text/plain")) {
                texts[0] = MimeParts.text(part);
            } else if (texts[1] == null && part.isMimeType("text/html")) {
                texts[1] = MimeParts.text(part);
            }
        }
    }

    /**
     * A multipart read as Jakarta Mail reads one with its lenient settings on, for this multipart
     * only (they are JVM-wide system properties otherwise): a boundary parameter the body does not
     * use is ignored and the first "--" line taken as the boundary; a missing parameter or end
     * boundary and an empty multipart are accepted.
     */
    private static final class LenientMultipart extends MimeMultipart {
        LenientMultipart(DataSource source) throws MessagingException {
            super(source);
        }

        /** Called by the constructor and again by every parse, which would read the system properties. */
        @Override
        protected void initializeProperties() {
            ignoreExistingBoundaryParameter = true;
            ignoreMissingBoundaryParameter = true;
            ignoreMissingEndBoundary = true;
            allowEmpty = true;
        }
    }

    /** The bytes after the header block, decoded by the top-level transfer encoding and charset. */
    private static String bodyText(byte[] raw) {
        int start = bodyStart(raw);
        if (start < 0 || start >= raw.length) {
            return null;
        }
        byte[] body = Arrays.copyOfRange(raw, start, raw.length);
        InternetHeaders headers = headers(raw);
        String encoding = header(headers, "Content-Transfer-Encoding");
        if (encoding != null) {
            try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(body), encoding.trim())) {
                body = in.readAllBytes();
            } catch (Exception e) {
                // left as it came
            }
        }
        String text = lenientDecode(body, charset(header(headers, "Content-Type")));
        return HTML.matcher(text).find() ? HtmlText.of(text) : text.strip();
    }

    /** Where the body starts: after the first empty line (CRLF CRLF or LF LF). */
    private static int bodyStart(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && raw[i + 1] == '\n') {
                return i + 2;
            }
            if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                return i + 3;
            }
        }
        return -1;
    }

    private static Charset charset(String contentType) {
        try {
            String name = contentType == null ? null : new ContentType(contentType).getParameter("charset");
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(name));
        } catch (Exception e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Bytes as text, a byte that is not of the charset becoming U+FFFD rather than an error. */
    private static String lenientDecode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
