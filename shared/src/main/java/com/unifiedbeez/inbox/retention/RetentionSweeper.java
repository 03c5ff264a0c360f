package com.unifiedbeez.inbox.retention;

import com.unifiedbeez.inbox.attachment.AttachmentStore;
import com.unifiedbeez.inbox.attachment.MediaStorage;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.message.MessageStore;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.id.Ids;
import com.unifiedbeez.inbox.retention.ExpiredContent.ExpiredMessage;
import com.unifiedbeez.inbox.retention.ExpiredContent.Position;
import com.unifiedbeez.inbox.retention.ExpiredContent.StoredFile;
import com.unifiedbeez.inbox.settings.RetentionPolicy;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention, the organization-level setting {@code retentionPolicy} acting: one run over every
 * organization whose own level sets a policy deletes its messages older than {@code messagesDays}
 * and its files older than {@code mediaDays}, a batch of {@value #BATCH} per transaction, one batch
 * per organization in turn (a big backlog does not hold the others back), until nothing expired is
 * left or the deadline comes; the next run goes on from there.
 *
 * <ul>
 *   <li>Age is the row's {@code created_at}, when we stored it, not the platform's timestamp: one
 *       clock, ours, that a sender cannot set (a mail's Date header says whatever its sender wrote,
 *       a year ago or next year), and a retention policy promises how long we keep what we hold.
 *       For live channels the two differ by seconds.</li>
 *   <li>Files first, then rows: a batch deletes its objects from the bucket, then its rows, in one
 *       transaction. A crash in between leaves rows whose objects are gone; the next run takes them
 *       again and S3 deletes a missing key without complaint. A row never goes while its object
 *       may stay, and an object S3 refuses to delete rolls the batch back.</li>
 *   <li>An expired message goes with its reactions, its files and its unparsed mail's raw copy; its
 *       template use stays counted without it; its conversation's preview is recomputed from what
 *       is left (none: null), so deleted text does not live on there.</li>
 *   <li>An expired file goes, its message stays, marked {@code metadata.mediaExpired}. Files are
 *       kept no longer than their messages would be: with a shorter {@code messagesDays} (or only
 *       that) it is also the files' cutoff, which takes uploads never sent.</li>
 *   <li>What {@link ExpiredContent} protects stays: an open conversation's newest
 *       {@value ExpiredContent#OPEN_CONVERSATION_KEEPS} messages and their files.</li>
 * </ul>
 * Left as they are: the conversation rows themselves (subject, last activity time), and the
 * realtime event log, trimmed by its own retention (RealtimeSweep).
 */
@Singleton
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    /** Rows per transaction: its S3 call and its locks stay short. */
    public static final int BATCH = 500;

    private final Database database;
    private final SettingsStore settings;
    private final SettingsResolver resolver;
    private final ExpiredContent expired;
    private final MessageStore messages;
    private final AttachmentStore attachments;
    private final ConversationStore conversations;
    private final MediaStorage storage;
    private final Clock clock;
    private final int batchSize;

    @Inject
    public RetentionSweeper(Database database, SettingsStore settings, SettingsResolver resolver, ExpiredContent expired,
                            MessageStore messages, AttachmentStore attachments, ConversationStore conversations,
                            MediaStorage storage) {
        this(database, settings, resolver, expired, messages, attachments, conversations, storage, Clock.systemUTC(),
                BATCH);
    }

    RetentionSweeper(Database database, SettingsStore settings, SettingsResolver resolver, ExpiredContent expired,
                     MessageStore messages, AttachmentStore attachments, ConversationStore conversations,
                     MediaStorage storage, Clock clock, int batchSize) {
        this.database = database;
        this.settings = settings;
        this.resolver = resolver;
        this.expired = expired;
        this.messages = messages;
        this.attachments = attachments;
        this.conversations = conversations;
        this.storage = storage;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** One run; no batch starts at or after {@code deadline}. */
    public RetentionRun run(Instant deadline) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<OrganizationSweep> sweeps = new ArrayList<>();
        for (UUID organizationId : database.read(settings::organizationsWithRetention)) {
            try {
                RetentionPolicy policy = database.read(c -> resolver.forOrganization(c, organizationId).retentionPolicy());
                if (!policy.keepsEverything()) {
                    sweeps.add(new OrganizationSweep(organizationId, policy, now));
                }
            } catch (RuntimeException e) {
                LOG.error("retention policy of organization {} unreadable: {}", organizationId, e.toString(), e);
                OrganizationSweep failed = new OrganizationSweep(organizationId, new RetentionPolicy(null, null), now);
                failed.error = e.toString();
                sweeps.add(failed);
            }
        }
        Deque<OrganizationSweep> turns = new ArrayDeque<>(sweeps.stream().filter(s -> s.error == null).toList());
        while (!turns.isEmpty() && clock.instant().isBefore(deadline)) {
            OrganizationSweep sweep = turns.poll();
            try {
                if (sweep.step()) {
                    turns.add(sweep);
                }
            } catch (RuntimeException e) {
                // This organization waits for the next run; the others go on.
                LOG.error("retention of organization {} stopped: {}", sweep.organizationId, e.toString(), e);
                sweep.error = e.toString();
            }
        }
        return RetentionRun.of(now, sweeps.stream().map(OrganizationSweep::report).toList());
    }

    /**
     * SnapStart priming: a run's reads for an organization that does not exist, each walk with room
     * for no row (PostgreSQL parses, plans and runs them; LIMIT 0 locks nothing). Nothing is deleted
     * from the database or the bucket.
     */
    public void warmUp() {
        UUID nobody = Ids.newId();
        Instant now = clock.instant();
        database.transaction(c -> {
            settings.organizationsWithRetention(c);
            resolver.forOrganization(c, nobody).retentionPolicy();
            expired.messages(c, nobody, now, Position.START, 0);
            expired.filesOf(c, nobody, List.of(nobody));
            expired.files(c, nobody, now, Position.START, 0);
            return null;
        });
    }

    private enum Phase { MESSAGES, MEDIA, DONE }

    /** What one transaction deleted, and where its walk stopped. */
    private record Batch(int rows, Position last, int messages, int attachments, int objects) {
        static final Batch NONE = new Batch(0, null, 0, 0, 0);
    }

    /** One organization's progress through a run: messages, then media. */
    private final class OrganizationSweep {
        final UUID organizationId;
        final Instant messagesCutoff;
        final Instant mediaCutoff;
        Phase phase;
        Position after = Position.START;
        int messagesDeleted;
        int attachmentsDeleted;
        int objectsDeleted;
        int batches;
        String error;

        OrganizationSweep(UUID organizationId, RetentionPolicy policy, Instant now) {
            this.organizationId = organizationId;
            this.messagesCutoff = policy.messages().map(days -> now.minus(Duration.ofDays(days))).orElse(null);
            Instant media = policy.media().map(days -> now.minus(Duration.ofDays(days))).orElse(null);
            // A file is kept no longer than its message: the later of the two cutoffs.
            this.mediaCutoff = Stream.of(media, messagesCutoff).filter(Objects::nonNull).max(Instant::compareTo)
                    .orElse(null);
            this.phase = messagesCutoff != null ? Phase.MESSAGES : mediaCutoff != null ? Phase.MEDIA : Phase.DONE;
        }

        /** One batch of the current phase; false when this organization has nothing more expired. */
        boolean step() {
            Batch batch = database.transaction(phase == Phase.MESSAGES ? this::messageBatch : this::mediaBatch);
            if (batch.rows() > 0) {
                batches++;
                messagesDeleted += batch.messages();
                attachmentsDeleted += batch.attachments();
                objectsDeleted += batch.objects();
                after = batch.last();
            }
            if (batch.rows() < batchSize) {
                phase = phase == Phase.MESSAGES ? Phase.MEDIA : Phase.DONE;
                after = Position.START;
            }
            return phase != Phase.DONE;
        }

        private Batch messageBatch(Connection c) throws SQLException {
            List<ExpiredMessage> found = expired.messages(c, organizationId, messagesCutoff, after, batchSize);
            if (found.isEmpty()) {
                return Batch.NONE;
            }
            List<UUID> ids = found.stream().map(ExpiredMessage::id).toList();
            List<StoredFile> files = expired.filesOf(c, organizationId, ids);
            List<String> keys = new ArrayList<>(files.stream().map(StoredFile::key).toList());
            found.stream().map(ExpiredMessage::rawMailKey).filter(Objects::nonNull).forEach(keys::add);
            int objects = storage.delete(keys);
            int attachmentRows = files.isEmpty() ? 0
                    : attachments.delete(c, organizationId, files.stream().map(StoredFile::id).toList());
            int messageRows = messages.deleteExpired(c, organizationId, ids);
            // Sorted: two transactions touching the same conversations lock them in one order.
            Set<UUID> touched = new TreeSet<>(found.stream().map(ExpiredMessage::conversationId).toList());
            for (UUID conversationId : touched) {
                conversations.refreshPreview(c, conversationId);
            }
            return new Batch(found.size(), found.get(found.size() - 1).position(), messageRows, attachmentRows, objects);
        }

        private Batch mediaBatch(Connection c) throws SQLException {
            List<StoredFile> found = expired.files(c, organizationId, mediaCutoff, after, batchSize);
            if (found.isEmpty()) {
                return Batch.NONE;
            }
            int objects = storage.delete(found.stream().map(StoredFile::key).toList());
            int attachmentRows = attachments.delete(c, organizationId, found.stream().map(StoredFile::id).toList());
            Set<UUID> owners = new TreeSet<>(found.stream().map(StoredFile::messageId).filter(Objects::nonNull).toList());
            if (!owners.isEmpty()) {
                messages.markMediaExpired(c, organizationId, owners);
            }
            return new Batch(found.size(), found.get(found.size() - 1).position(), 0, attachmentRows, objects);
        }

        RetentionReport report() {
            return new RetentionReport(organizationId, messagesCutoff, mediaCutoff, messagesDeleted, attachmentsDeleted,
                    objectsDeleted, batches, error == null && phase == Phase.DONE, error);
        }
    }
}
