package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.ByChannel;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.channel.InboundEnvelope;
import com.unifiedbeez.inbox.channel.InboundEvent;
import com.unifiedbeez.inbox.channel.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.channel.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.channel.InboundEvent.Reaction;
import com.unifiedbeez.inbox.channel.InboundEvent.ReadUpTo;
import com.unifiedbeez.inbox.channel.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.channel.IncomingNormalizer;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.platform.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queued platform payload into the inbox: its channel's normalizer turns it into events,
 * applied in order, each in its own transaction and each idempotent, so a record that fails
 * halfway is simply processed again. A transient failure is thrown to the caller (the queue
 * retries the record); a payload no normalizer can read is thrown as a {@link PermanentFailure};
 * an event the database refuses for good ({@link InboundFailures}) is reported in the outcome while
 * the payload's other events are stored. A payload for a connection that is gone is dropped with
 * a log line.
 */
@Singleton
public final class InboundProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

    /**
     * What one payload did; {@code rejected}: its events that can never be stored (the others were),
     * for the caller to set aside.
     */
    public record Outcome(int stored, int duplicates, int updates, boolean dropped, List<Rejection> rejected) {
        static final Outcome DROPPED = new Outcome(0, 0, 0, true);

        public Outcome {
            rejected = List.copyOf(rejected);
        }

        public Outcome(int stored, int duplicates, int updates, boolean dropped) {
            this(stored, duplicates, updates, dropped, List.of());
        }
    }

    /** The {@code index}-th event of a payload (0-based), refused for good, and why. */
    public record Rejection(int index, RuntimeException failure) {
    }

    private final Database database;
    private final ConnectionDirectory connections;
    private final Map<Channel, IncomingNormalizer> normalizers;
    private final InboundMessages messages;
    private final InboundUpdates updates;
    private final DeliveryTracker delivery;

    @Inject
    public InboundProcessor(Database database, ConnectionDirectory connections, Set<IncomingNormalizer> normalizers,
                            InboundMessages messages, InboundUpdates updates, DeliveryTracker delivery) {
        this.database = database;
        this.connections = connections;
        this.normalizers = ByChannel.index(normalizers, IncomingNormalizer::channel, "normalizers");
        this.messages = messages;
        this.updates = updates;
        this.delivery = delivery;
    }

    public Outcome process(InboundEnvelope envelope) {
        Optional<ChannelConnection> found = connections.find(envelope.connectionId());
        if (found.isEmpty() || "disconnected".equals(found.get().status())
                || !found.get().organizationId().equals(envelope.organizationId())) {
            LOG.info("{} payload for connection {} dropped: {}", envelope.channel(), envelope.connectionId(),
                    found.isEmpty() ? "no such connection" : "disconnected or moved");
            return Outcome.DROPPED;
        }
        ChannelConnection connection = found.get();
        IncomingNormalizer normalizer = normalizers.get(connection.channel());
        if (normalizer == null) {
            // A deployment without this channel's adapter: keep the record (retried, then the DLQ), never lose it.
            throw new IllegalStateException("no normalizer for channel " + connection.channel().wireName());
        }
        List<InboundEvent> events = normalize(normalizer, connection, envelope);
        Tally tally = new Tally();
        List<Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            try {
                apply(normalizer, connection, events.get(i), tally);
            } catch (RuntimeException e) {
                if (!InboundFailures.permanent(e)) {
                    throw e;
                }
                // The events before and after it are the customer's too: they go on.
                rejected.add(new Rejection(i, e));
            }
        }
        return new Outcome(tally.stored, tally.duplicates, tally.changed, false, rejected);
    }

    /** The payload's events; a payload the normalizer cannot read is a {@link PermanentFailure}. */
    private static List<InboundEvent> normalize(IncomingNormalizer normalizer, ChannelConnection connection,
                                                InboundEnvelope envelope) {
        try {
            return normalizer.normalizeIncoming(connection, envelope.payload());
        } catch (RuntimeException e) {
            if (InboundFailures.transientIo(e)) {
                throw e;
            }
            // Normalizing is a function of the payload: what fails now fails on every delivery.
            throw new PermanentFailure(envelope.channel() + " payload cannot be normalized: " + e.getMessage(), e);
        }
    }

    /** What the events of a payload did so far. */
    private static final class Tally {
        int stored;
        int duplicates;
        int changed;
    }

    private void apply(IncomingNormalizer normalizer, ChannelConnection connection, InboundEvent event, Tally tally) {
        if (event instanceof InboundMessage m) {
            if (messages.store(normalizer, connection, m).isPresent()) {
                tally.stored++;
            } else {
                tally.duplicates++;
            }
        } else if (event instanceof StatusReport s) {
            database.transaction(c -> {
                delivery.report(c, connection.organizationId(), connection.id(), s);
                return null;
            });
            tally.changed++;
        } else if (event instanceof ReadUpTo r) {
            tally.changed += database.transaction(c -> delivery.readUpTo(c, connection.id(), r.recipient(), r.watermark()));
        } else if (event instanceof MessageEdit e) {
            tally.changed += updates.edit(connection, e) ? 1 : 0;
        } else if (event instanceof Reaction r) {
            tally.changed += updates.react(connection, r) ? 1 : 0;
        }
    }
}
