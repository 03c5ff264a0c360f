package com.unifiedbeez.inbox.inbound;

import com.unifiedbeez.inbox.channel.ByChannel;
import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import com.unifiedbeez.inbox.inbound.InboundEvent.InboundMessage;
import com.unifiedbeez.inbox.inbound.InboundEvent.MessageEdit;
import com.unifiedbeez.inbox.inbound.InboundEvent.ReadUpTo;
import com.unifiedbeez.inbox.inbound.InboundEvent.Reaction;
import com.unifiedbeez.inbox.inbound.InboundEvent.StatusReport;
import com.unifiedbeez.inbox.message.DeliveryTracker;
import com.unifiedbeez.inbox.platform.db.Database;
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
 * halfway is simply processed again. A failure is thrown to the caller (the queue retries the
 * record); a payload for a connection that is gone is dropped with a log line.
 */
@Singleton
public final class InboundProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

    /** What one payload did. */
    public record Outcome(int stored, int duplicates, int updates, boolean dropped) {
        static final Outcome DROPPED = new Outcome(0, 0, 0, true);
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
        List<InboundEvent> events = normalizer.normalizeIncoming(connection, envelope.payload());
        int stored = 0;
        int duplicates = 0;
        int changed = 0;
        for (InboundEvent event : events) {
            if (event instanceof InboundMessage m) {
                if (messages.store(normalizer, connection, m).isPresent()) {
                    stored++;
                } else {
                    duplicates++;
                }
            } else if (event instanceof StatusReport s) {
                database.transaction(c -> {
                    delivery.report(c, connection.organizationId(), connection.id(), s);
                    return null;
                });
                changed++;
            } else if (event instanceof ReadUpTo r) {
                changed += database.transaction(c -> delivery.readUpTo(c, connection.id(), r.recipient(), r.watermark()));
            } else if (event instanceof MessageEdit e) {
                changed += updates.edit(connection, e) ? 1 : 0;
            } else if (event instanceof Reaction r) {
                changed += updates.react(connection, r) ? 1 : 0;
            }
        }
        return new Outcome(stored, duplicates, changed, false);
    }
}
