package com.unifiedbeez.inbox.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.Customer;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMedia;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.channel.MediaContent;
import com.unifiedbeez.inbox.channel.MessageType;
import com.unifiedbeez.inbox.platform.json.Json;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An email the poller queued (payload {@code {"key", "uid", "uidValidity"}}, the raw MIME in the media
 * bucket under key) into one {@link InboundMessage}: Message-ID as external id, the text/plain body
 * (or the HTML's text), the HTML, threading ids, the sender and attachments. Quoted reply text is
 * kept as written. A mail the parser cannot read is kept as {@link UnreadableMail} (marked unparsed).
 */
@Singleton
public final class EmailInbound implements IncomingNormalizer {
    private static final Logger LOG = LoggerFactory.getLogger(EmailInbound.class);
    private final MediaStorage storage;

    @Inject
    public EmailInbound(MediaStorage storage) {
        this.storage = storage;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    /**
     * The mail under the payload's key as one message. A mail the parser cannot read is still one:
     * {@link UnreadableMail}. Only reading the bucket may fail (and is retried).
     */
    @Override
    public List<InboundEvent> normalizeIncoming(ChannelConnection connection, String payload) {
        String key = key(payload);
        byte[] raw = storage.get(key);
        return List.of(message(key, raw));
    }

    @Override
    public MediaContent fetchMedia(ChannelConnection connection, InboundMedia media) throws IOException {
        int hash = media.reference().lastIndexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("not an email attachment reference: " + media.reference());
        }
        String key = media.reference().substring(0, hash);
        String path = media.reference().substring(hash + 1);
        try {
            for (MimeParts.Leaf leaf : MimeParts.leaves(MimeParts.parse(storage.get(key)))) {
                if (leaf.path().equals(path)) {
                    return new MediaContent(MimeParts.bytes(leaf.part()), MimeParts.baseType(leaf.part()),
                            MimeParts.fileName(leaf.part()));
                }
            }
        } catch (MessagingException e) {
            throw new IOException("email " + key + " cannot be read as MIME", e);
        }
        throw new IllegalArgumentException("email " + key + " has no part " + path);
    }

    static String key(String payload) {
        try {
            JsonNode key = Json.mapper().readTree(payload).get("key");
            if (key == null || !key.isTextual() || key.asText().isBlank()) {
                throw new IllegalArgumentException("email payload has no key");
            }
            return key.asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("email payload is not JSON", e);
        }
    }

    /** The unified message of one raw mail stored under {@code key}, read strictly or else leniently. */
    static InboundMessage message(String key, byte[] raw) {
        try {
            return parsed(key, raw);
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.warn("email {} cannot be parsed ({}): stored as unparsed", key, e.toString());
            return UnreadableMail.message(key, raw, e);
        }
    }

    private static InboundMessage parsed(String key, byte[] raw) throws MessagingException, IOException {
        MimeMessage mail = MimeParts.parse(raw);
        List<String> messageIds = MimeParts.ids(MimeParts.header(mail, "Message-ID"));
        String externalId = messageIds.isEmpty() ? "sha256-" + sha256(raw) : messageIds.get(0);
        String inReplyTo = MimeParts.ids(MimeParts.header(mail, "In-Reply-To")).stream().findFirst().orElse(null);

        // Nearest first: the mail answered, then the rest of the thread from newest to oldest.
        Set<String> references = new LinkedHashSet<>();
        if (inReplyTo != null) {
            references.add(inReplyTo);
        }
        List<String> thread = MimeParts.ids(MimeParts.header(mail, "References"));
        for (int i = thread.size() - 1; i >= 0; i--) {
            references.add(thread.get(i));
        }

        InternetAddress sender = MimeParts.sender(mail);
        String address = sender == null ? "unknown" : MimeParts.address(sender);
        Customer from = new Customer(address, sender == null ? null : sender.getPersonal(), null,
                sender == null ? null : address);

        String text = null;
        String html = null;
        List<InboundMedia> media = new ArrayList<>();
        for (MimeParts.Leaf leaf : MimeParts.leaves(mail)) {
            Part part = leaf.part();
            if (MimeParts.isAttachment(part)) {
                byte[] bytes = MimeParts.bytes(part);
                media.add(new InboundMedia(key + "#" + leaf.path(), MimeParts.baseType(part), MimeParts.fileName(part),
                        (long) bytes.length));
            } else if (text == null && part.isMimeType("text/plain")) {
                text = MimeParts.text(part);
            } else if (html == null && part.isMimeType("text/html")) {
                html = MimeParts.text(part);
            }
        }
        if (text == null && html != null) {
            text = HtmlText.of(html);
        }

        ObjectNode metadata = Json.mapper().createObjectNode();
        ObjectNode email = metadata.putObject("email");
        email.put("subject", mail.getSubject());
        email.put("messageId", externalId);
        email.put("inReplyTo", inReplyTo);
        references.forEach(email.putArray("references")::add);
        MimeParts.addresses(mail.getRecipients(RecipientType.TO)).forEach(email.putArray("to")::add);
        MimeParts.addresses(mail.getRecipients(RecipientType.CC)).forEach(email.putArray("cc")::add);
        if (sender != null) {
            // who wrote: in a thread, a colleague of the customer's (reply-all) may write too
            email.putObject("from").put("address", address).put("name", sender.getPersonal());
        }
        email.put("html", html);
        if (automatic(mail)) {
            email.put("autoSubmitted", true);
        }

        Instant sentAt = mail.getSentDate() == null ? Instant.now() : mail.getSentDate().toInstant();
        return new InboundMessage(externalId, from, sentAt, MessageType.TEXT, text, metadata, media, inReplyTo,
                List.copyOf(references));
    }

    /**
     * Whether a machine sent the mail, so no automatic reply may answer it (RFC 3834 section 2): an
     * {@code Auto-Submitted} other than "no" (auto-replies, bounces), a list's or bulk mail
     * ({@code Precedence: bulk|list|junk}, {@code List-Id}), or a sender asking for no auto-replies
     * ({@code X-Auto-Response-Suppress}, Microsoft's: All, OOF or AutoReply).
     */
    static boolean automatic(MimeMessage mail) throws MessagingException {
        String submitted = MimeParts.header(mail, "Auto-Submitted");
        if (submitted != null && !submitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return true;
        }
        String precedence = MimeParts.header(mail, "Precedence");
        if (precedence != null && List.of("bulk", "list", "junk").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (MimeParts.header(mail, "List-Id") != null) {
            return true;
        }
        String suppress = MimeParts.header(mail, "X-Auto-Response-Suppress");
        return suppress != null && List.of(suppress.toLowerCase(Locale.ROOT).split("[,\\s]+")).stream()
                .anyMatch(v -> v.equals("all") || v.equals("oof") || v.equals("autoreply"));
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
