package com.unifiedbeez.inbox.event;

import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Each organization's event stream ({@code event_streams}): numbering, push progress, retention.
 *
 * <p><b>How seq stays gap-free and commit-ordered without slowing writers.</b> Writers insert their
 * events with no seq and take no lock beyond their own rows, so concurrent writers of one tenant
 * never wait for each other. {@link #sequence} numbers afterwards, in one short transaction that
 * holds the organization's stream row: it sees only committed events, so whatever it numbers was
 * committed before anything a later pass numbers — a client that has seq n has every event of seq
 * below n, and none can appear below n later. Numbers come from {@code last_seq} of the locked row
 * and are written with it in the same transaction: no gap (nothing is handed out and rolled back)
 * and no duplicate. Within one pass, events are ordered by their transaction's start and id, so an
 * event written after another committed always gets the higher seq. The lock is held by the
 * sequencer alone, for a few milliseconds; writers never touch it.
 *
 * <p>Pushing is leased per stream (a fan-out pass that died lets its lease lapse, and the sweeper
 * pushes again from {@code pushed_seq}): a committed event is pushed at least once to the
 * connections open then, and stays replayable until retention trims it.
 */
@Singleton
public final class EventStream {
    /** Events numbered per sequencing transaction; a backlog beyond it takes several. */
    static final int SEQUENCE_BATCH = 5_000;
    /** What {@link #position(ResultSet)} reads. */
    private static final String POSITION = "organization_id, epoch, last_seq, pushed_seq, trimmed_seq";

    /** The push of a range of seq, leased to one fan-out pass. */
    public record PushClaim(StreamPosition position) {
        public long fromExclusive() {
            return position.pushedSeq();
        }

        public long through() {
            return position.lastSeq();
        }
    }

    private final Database database;

    @Inject
    public EventStream(Database database) {
        this.database = database;
    }

    /** Numbers what has committed and is not numbered yet; the stream's position afterwards. */
    public StreamPosition sequence(UUID organizationId) {
        return database.transaction(c -> numberPending(c, organizationId));
    }

    /**
     * Numbers what is pending and, unless another pass holds the push lease, takes it for
     * {@code lease}: the range (pushedSeq, lastSeq] is then this pass's to push. Empty when another
     * pass holds it (that pass sees what was numbered here before it lets go: {@link #recordPushed}).
     */
    public Optional<PushClaim> claimPush(UUID organizationId, Duration lease) {
        return database.transaction(c -> {
            StreamPosition position = numberPending(c, organizationId);
            int taken = Sql.update(c, """
                    UPDATE event_streams SET push_lease_until = now() + ? * interval '1 millisecond'
                     WHERE organization_id = ? AND (push_lease_until IS NULL OR push_lease_until < now())""",
                    lease.toMillis(), organizationId);
            return taken == 1 ? Optional.of(new PushClaim(position)) : Optional.empty();
        });
    }

    /**
     * Records that every event through {@code throughSeq} was pushed. The lease is let go only when
     * nothing was numbered meanwhile — decided under the stream's lock, so an event numbered by a
     * concurrent {@link #claimPush} that found the lease taken is pushed by this pass. Returns the
     * position: {@link StreamPosition#behind()} means the lease is still held and more is to push.
     */
    public StreamPosition recordPushed(UUID organizationId, long throughSeq, Duration lease) {
        return database.transaction(c -> Sql.one(c, """
                UPDATE event_streams
                   SET pushed_seq = greatest(pushed_seq, ?),
                       push_lease_until = CASE WHEN last_seq <= ? THEN NULL
                                               ELSE now() + ? * interval '1 millisecond' END,
                       updated_at = now()
                 WHERE organization_id = ?
                RETURNING\s""" + POSITION,
                EventStream::position, throughSeq, throughSeq, lease.toMillis(), organizationId).orElseThrow());
    }

    /** Events of seq in (afterSeq, throughSeq], in seq order, at most {@code limit}. */
    public List<SequencedEvent> range(UUID organizationId, long afterSeq, long throughSeq, int limit) {
        return database.read(c -> Sql.list(c, """
                SELECT e.id, e.organization_id, e.seq, s.epoch, e.name, e.conversation_id, e.payload::text AS payload,
                       e.audience, e.created_at
                  FROM domain_events e JOIN event_streams s ON s.organization_id = e.organization_id
                 WHERE e.organization_id = ? AND e.seq > ? AND e.seq <= ?
                 ORDER BY e.seq LIMIT ?""", EventStream::event, organizationId, afterSeq, throughSeq, limit));
    }

    /**
     * Events named one of {@code names} of seq in (afterSeq, throughSeq], in seq order, at most
     * {@code limit}: a listener that acts on a few kinds of event reads past the others in the database.
     */
    public List<SequencedEvent> range(UUID organizationId, long afterSeq, long throughSeq, int limit,
                                      Collection<String> names) {
        return database.read(c -> Sql.list(c, """
                SELECT e.id, e.organization_id, e.seq, s.epoch, e.name, e.conversation_id, e.payload::text AS payload,
                       e.audience, e.created_at
                  FROM domain_events e JOIN event_streams s ON s.organization_id = e.organization_id
                 WHERE e.organization_id = ? AND e.seq > ? AND e.seq <= ? AND e.name = ANY(?::text[])
                 ORDER BY e.seq LIMIT ?""", EventStream::event, organizationId, afterSeq, throughSeq,
                List.copyOf(names), limit));
    }

    /** The stream's position, without numbering anything. */
    public Optional<StreamPosition> position(UUID organizationId) {
        return database.read(c -> position(c, organizationId));
    }

    /** The stream's position as {@code c} sees it, without numbering or locking anything; empty before its first event. */
    public Optional<StreamPosition> position(Connection c, UUID organizationId) throws SQLException {
        return Sql.one(c, "SELECT " + POSITION + " FROM event_streams WHERE organization_id = ?", EventStream::position,
                organizationId);
    }

    /**
     * Organizations the sweeper must push for: events committed over {@code settle} ago and still
     * unnumbered (their nudge was lost), or numbered and not pushed with no live lease (a pass died).
     */
    public List<UUID> stalled(Duration settle, int limit) {
        return database.read(c -> Sql.list(c, """
                SELECT organization_id FROM (
                    SELECT DISTINCT organization_id FROM domain_events
                     WHERE seq IS NULL AND created_at < now() - ? * interval '1 millisecond'
                    UNION
                    SELECT organization_id FROM event_streams
                     WHERE pushed_seq < last_seq AND (push_lease_until IS NULL OR push_lease_until < now())
                ) stalled LIMIT ?""", row -> Sql.uuid(row, "organization_id"), settle.toMillis(), limit));
    }

    /**
     * Retention: deletes pushed events written before {@code before}, at most {@code limit}, and
     * records per stream the highest seq deleted (a replay from below it answers 410). Returns how
     * many it deleted.
     */
    public int trim(Instant before, int limit) {
        return database.transaction(c -> {
            List<Trimmed> trimmed = Sql.list(c, """
                    WITH doomed AS (
                        SELECT e.id FROM domain_events e JOIN event_streams s ON s.organization_id = e.organization_id
                         WHERE e.created_at < ? AND e.seq IS NOT NULL AND e.seq <= s.pushed_seq
                         ORDER BY e.created_at LIMIT ?
                    ), deleted AS (
                        DELETE FROM domain_events e USING doomed WHERE e.id = doomed.id
                        RETURNING e.organization_id, e.seq
                    )
                    SELECT organization_id, max(seq) AS through, count(*) AS n FROM deleted GROUP BY organization_id""",
                    row -> new Trimmed(Sql.uuid(row, "organization_id"), row.getLong("through"), row.getInt("n")),
                    before, limit);
            for (Trimmed t : trimmed) {
                Sql.update(c, "UPDATE event_streams SET trimmed_seq = greatest(trimmed_seq, ?) WHERE organization_id = ?",
                        t.through(), t.organizationId());
            }
            return trimmed.stream().mapToInt(Trimmed::count).sum();
        });
    }

    /**
     * Truncates the log of an organization: its events are deleted and the stream starts again at 1
     * under a new epoch, so every client's position is recognised as stale (410) rather than mistaken
     * for one of the new stream.
     */
    public StreamPosition restart(UUID organizationId) {
        return database.transaction(c -> {
            lockStream(c, organizationId);
            Sql.update(c, "DELETE FROM domain_events WHERE organization_id = ?", organizationId);
            return Sql.one(c, """
                    UPDATE event_streams SET epoch = ?, last_seq = 0, pushed_seq = 0, trimmed_seq = 0,
                           push_lease_until = NULL, updated_at = now()
                     WHERE organization_id = ?
                    RETURNING\s""" + POSITION,
                    EventStream::position, Ids.newId(), organizationId).orElseThrow();
        });
    }

    private StreamPosition numberPending(Connection c, UUID organizationId) throws SQLException {
        StreamPosition locked = lockStream(c, organizationId);
        int numbered = Sql.update(c, """
                WITH pending AS (
                    SELECT id, created_at FROM domain_events
                     WHERE organization_id = ? AND seq IS NULL
                     ORDER BY created_at, id LIMIT ?
                ), numbered AS (
                    SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM pending
                )
                UPDATE domain_events e SET seq = ? + numbered.n FROM numbered WHERE e.id = numbered.id""",
                organizationId, SEQUENCE_BATCH, locked.lastSeq());
        if (numbered == 0) {
            return locked;
        }
        return Sql.one(c, """
                UPDATE event_streams SET last_seq = last_seq + ?, updated_at = now() WHERE organization_id = ?
                RETURNING\s""" + POSITION,
                EventStream::position, numbered, organizationId).orElseThrow();
    }

    /** The stream's row, created on first use, locked until the transaction ends. */
    private static StreamPosition lockStream(Connection c, UUID organizationId) throws SQLException {
        Sql.update(c, "INSERT INTO event_streams (organization_id, epoch) VALUES (?, ?) ON CONFLICT DO NOTHING",
                organizationId, Ids.newId());
        return Sql.one(c, "SELECT " + POSITION + " FROM event_streams WHERE organization_id = ? FOR UPDATE",
                EventStream::position, organizationId).orElseThrow();
    }

    private static StreamPosition position(ResultSet row) throws SQLException {
        return new StreamPosition(Sql.uuid(row, "organization_id"), Sql.uuid(row, "epoch"), row.getLong("last_seq"),
                row.getLong("pushed_seq"), row.getLong("trimmed_seq"));
    }

    private static SequencedEvent event(ResultSet row) throws SQLException {
        Array audience = row.getArray("audience");
        return new SequencedEvent(Sql.uuid(row, "id"), Sql.uuid(row, "organization_id"), row.getLong("seq"),
                Sql.uuid(row, "epoch"), row.getString("name"), Sql.uuid(row, "conversation_id"), row.getString("payload"),
                audience == null ? null : Arrays.asList((UUID[]) audience.getArray()), Sql.instant(row, "created_at"));
    }

    private record Trimmed(UUID organizationId, long through, int count) {
    }
}
