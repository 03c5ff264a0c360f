package com.unifiedbeez.inbox.channel.email;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.InboundQueue;
import com.unifiedbeez.inbox.channel.ObservedConnections;
import com.unifiedbeez.inbox.channel.email.MailboxSyncStore.SyncState;
import com.unifiedbeez.inbox.platform.json.Json;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads new mail of every active email connection over IMAP and queues it for the normalizer.
 *
 * <p>Per mailbox: INBOX is opened read-only (nothing is marked seen), messages with a UID above the
 * stored {@code last_uid} are read oldest first, at most {@link #BATCH_PER_MAILBOX} per run. Each raw
 * mail goes to the media bucket ({@code inbound-email/<connection>/<uidValidity>/<uid>.eml}), then an
 * envelope naming its key goes on the inbound queue, and only then does {@code last_uid} advance: a
 * crash in between reads the mail again, and the normalizer stores a Message-ID once.
 *
 * <p>The first poll of a mailbox, and a poll that finds UIDVALIDITY changed (the server renumbered
 * the folder, so stored UIDs mean nothing), start at the mail received in the last {@link #BACKFILL}:
 * not the whole history of an old mailbox, but nothing a customer wrote just before the connection
 * (or the renumbering) is lost. Mail already stored comes again with the same Message-ID and is
 * deduplicated downstream.
 *
 * <p>One mailbox failing (login refused, server down) is recorded on its connection's health and
 * the others are polled all the same. {@value ObservedConnections#FAILURES_TO_ERROR} failed polls in a
 * row make the connection {@code error}; it is still polled, and its next good poll makes it active.
 */
@Singleton
public final class EmailPoller {
    public static final String MAILBOX = "INBOX";
    public static final int BATCH_PER_MAILBOX = 50;
    public static final Duration BACKFILL = Duration.ofDays(7);
    /** Envelopes per enqueue (the SQS batch maximum); last_uid advances after each. */
    private static final int CHUNK = 10;
    private static final Logger LOG = LoggerFactory.getLogger(EmailPoller.class);
    /** The mail {@link #warmUp} reads: a customer's, as an IMAP fetch hands it over. */
    private static final byte[] SAMPLE_MAIL = """
            From: Ada Customer <ada@customer.example>\r
            To: support@priming.invalid\r
            Subject: Priming\r
            Message-ID: <priming@customer.example>\r
            Date: Mon, 2 Mar 2026 10:00:00 +0000\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            \r
            Hello\r
            """.getBytes(StandardCharsets.US_ASCII);

    /** What a run did: mailboxes polled, mails read, envelopes queued, mailboxes that failed. */
    public record Summary(int mailboxes, int fetched, int enqueued, int failed) {
    }

    private final ObservedConnections connections;
    private final MailboxSyncStore syncStore;
    private final MediaStorage storage;
    private final InboundQueue queue;
    private final MailHosts hosts;

    @Inject
    public EmailPoller(ObservedConnections connections, MailboxSyncStore syncStore, MediaStorage storage,
                       InboundQueue queue, MailHosts hosts) {
        this.connections = connections;
        this.syncStore = syncStore;
        this.storage = storage;
        this.queue = queue;
        this.hosts = hosts;
    }

    public Summary poll() {
        List<ChannelConnection> mailboxes = connections.listLive(Channel.EMAIL);
        Progress progress = new Progress();
        int failed = 0;
        for (ChannelConnection connection : mailboxes) {
            try {
                poll(connection, progress);
                connections.recordObserved(connection, true, "INBOX read", Instant.now());
            } catch (MessagingException | IOException | RuntimeException e) {
                failed++;
                String detail = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.warn("email poll of {} failed: {}", connection, detail);
                try {
                    var observed = connections.recordObserved(connection, false, detail, Instant.now());
                    if (observed.consecutiveFailures() == ObservedConnections.FAILURES_TO_ERROR) {
                        LOG.warn("{} failed {} polls in a row: now in error (still polled)", connection,
                                observed.consecutiveFailures());
                    }
                } catch (RuntimeException again) {
                    LOG.warn("cannot record the health of {}: {}", connection, again.toString());
                }
            }
        }
        return new Summary(mailboxes.size(), progress.fetched, progress.enqueued, failed);
    }

    /**
     * SnapStart priming: a poll's code paths with no mailbox behind them. The live mailboxes are read
     * (one query), an IMAP store is made the way a poll makes it but never connected, and a built-in
     * mail goes through the parsing that names a fetched mail's customer and into an envelope. No
     * mailbox is opened, nothing is stored, queued or recorded on a connection.
     */
    public void warmUp() {
        connections.listLive(Channel.EMAIL);
        MailServers.Server none = new MailServers.Server("priming.invalid", 993, "ssl");
        MailServers servers = new MailServers("support@priming.invalid", none, none, "support@priming.invalid", "", null);
        try {
            servers.imapSession().getStore("imap"); // the IMAP provider, loaded and configured
        } catch (NoSuchProviderException e) {
            throw new IllegalStateException("Jakarta Mail has no IMAP provider", e);
        }
        Json.write(envelope(new UUID(0, 0), new UUID(0, 0), servers.mailbox(), "priming.eml", 1, 1, SAMPLE_MAIL));
    }

    private static final class Progress {
        int fetched;
        int enqueued;
    }

    private void poll(ChannelConnection connection, Progress progress) throws MessagingException, IOException {
        MailServers servers = MailServers.of(connection);
        // Vetted on every poll, not only at connect: the host's DNS may point somewhere private since.
        Store store = servers.imapSession(hosts.vet(servers.imap().host())).getStore("imap");
        store.connect(servers.imap().host(), servers.imap().port(), servers.username(), servers.password());
        try {
            Folder folder = store.getFolder(MAILBOX);
            folder.open(Folder.READ_ONLY);
            try {
                read(connection, servers, folder, progress);
            } finally {
                folder.close(false);
            }
        } finally {
            store.close();
        }
    }

    private void read(ChannelConnection connection, MailServers servers, Folder folder, Progress progress)
            throws MessagingException, IOException {
        UIDFolder uids = (UIDFolder) folder;
        long uidValidity = uids.getUIDValidity();
        Optional<SyncState> state = syncStore.find(connection, MAILBOX);
        long lastUid;
        if (state.isPresent() && state.get().uidValidity() == uidValidity) {
            lastUid = state.get().lastUid();
        } else {
            lastUid = startingPoint(folder);
            if (state.isPresent()) {
                LOG.warn("UIDVALIDITY of {} changed from {} to {}: re-reading mail of the last {} from UID {}",
                        connection, state.get().uidValidity(), uidValidity, BACKFILL, lastUid + 1);
            }
            syncStore.save(connection, MAILBOX, new SyncState(uidValidity, lastUid));
        }

        Message[] candidates = uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(candidates, profile);
        long from = lastUid;
        // "n:*" also answers the newest message when its UID is below n: keep only the new ones.
        List<Message> fresh = Arrays.stream(candidates)
                .filter(m -> uid(uids, m) > from)
                .sorted(Comparator.comparingLong(m -> uid(uids, m)))
                .limit(BATCH_PER_MAILBOX)
                .toList();

        for (int start = 0; start < fresh.size(); start += CHUNK) {
            List<InboundEnvelope> envelopes = new ArrayList<>();
            long highest = lastUid;
            for (Message message : fresh.subList(start, Math.min(start + CHUNK, fresh.size()))) {
                long uid = uids.getUID(message);
                envelopes.add(store(connection, servers, uidValidity, uid, raw(message)));
                progress.fetched++;
                highest = uid;
            }
            queue.enqueue(envelopes);
            progress.enqueued += envelopes.size();
            syncStore.save(connection, MAILBOX, new SyncState(uidValidity, highest));
            lastUid = highest;
        }
        if (!fresh.isEmpty()) {
            LOG.info("email poll of {}: {} new mails queued, last UID {}", connection, fresh.size(), lastUid);
        }
    }

    /** The UID before the oldest mail received within the backfill window (UIDNEXT - 1 when there is none). */
    private static long startingPoint(Folder folder) throws MessagingException {
        UIDFolder uids = (UIDFolder) folder;
        Message[] recent = folder.search(new ReceivedDateTerm(ComparisonTerm.GE, Date.from(Instant.now().minus(BACKFILL))));
        if (recent.length > 0) {
            long oldest = Long.MAX_VALUE;
            for (Message m : recent) {
                oldest = Math.min(oldest, uids.getUID(m));
            }
            return oldest - 1;
        }
        long next = uids.getUIDNext();
        if (next > 0) {
            return next - 1;
        }
        int count = folder.getMessageCount();
        return count == 0 ? 0 : uids.getUID(folder.getMessage(count));
    }

    private InboundEnvelope store(ChannelConnection connection, MailServers servers, long uidValidity, long uid,
                                  byte[] raw) {
        String key = "inbound-email/" + connection.id() + "/" + uidValidity + "/" + uid + ".eml";
        storage.put(key, raw, "message/rfc822");
        return envelope(connection.id(), connection.organizationId(), servers.mailbox(), key, uid, uidValidity, raw);
    }

    /** What goes on the queue for a stored mail: its key, and its customer for the FIFO group. */
    private static InboundEnvelope envelope(UUID connectionId, UUID organizationId, String mailbox, String key, long uid,
                                            long uidValidity, byte[] raw) {
        ObjectNode payload = Json.mapper().createObjectNode().put("key", key).put("uid", uid).put("uidValidity", uidValidity);
        return new InboundEnvelope(Channel.EMAIL.wireName(), connectionId, organizationId, customer(mailbox, raw),
                Instant.now(), Json.write(payload));
    }

    /**
     * As below, for a mail as raw bytes; a mail whose headers Jakarta Mail refuses (an unparsable
     * From) is read leniently, as the normalizer will: one bad mail must not stop the mailbox.
     */
    static String customer(String mailbox, byte[] raw) {
        try {
            return customer(mailbox, MimeParts.parse(raw));
        } catch (MessagingException | RuntimeException e) {
            return UnreadableMail.sender(raw);
        }
    }

    /**
     * The other party of the mail, which with the connection makes the queue's FIFO group: the
     * sender, or for a mail from the mailbox itself (a copy of our reply) its first recipient.
     */
    static String customer(String mailbox, MimeMessage mail) throws MessagingException {
        InternetAddress sender = MimeParts.sender(mail);
        String address = sender == null ? null : MimeParts.address(sender);
        if (address != null && address.equals(mailbox)) {
            List<String> to = MimeParts.addresses(mail.getRecipients(Message.RecipientType.TO));
            if (!to.isEmpty()) {
                return to.get(0);
            }
        }
        return address == null ? "unknown" : address;
    }

    private static byte[] raw(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static long uid(UIDFolder folder, Message message) {
        try {
            return folder.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("no UID for message " + message.getMessageNumber(), e);
        }
    }
}
