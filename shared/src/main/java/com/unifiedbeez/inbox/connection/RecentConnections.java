package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.ConnectionDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The connections a webhook or normalizer container saw lately, kept for {@link #TTL}: a busy
 * webhook verifies thousands of deliveries of the same few accounts, and each lookup would
 * otherwise be a database round trip plus a decryption. Only found connections are kept: an
 * account connected a moment ago is found at once. The cost of the TTL: a disconnect or a new
 * Twilio auth token reaches a warm container up to that much later (a message that arrives in
 * those seconds is still stored: it was sent while the account was ours).
 */
@Singleton
public final class RecentConnections implements ConnectionDirectory {
    public static final Duration TTL = Duration.ofSeconds(30);
    /** More accounts than any one platform webhook serves from one container; beyond it, start over. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(ChannelConnection connection, Instant until) {
    }

    private final ConnectionStore store;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> live = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Entry> byId = new ConcurrentHashMap<>();

    @Inject
    public RecentConnections(ConnectionStore store) {
        this(store, Clock.systemUTC());
    }

    RecentConnections(ConnectionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Optional<ChannelConnection> findLive(Channel channel, String externalId) {
        return cached(live, channel.wireName() + ":" + externalId, () -> store.findLive(channel, externalId));
    }

    @Override
    public Optional<ChannelConnection> find(UUID id) {
        return cached(byId, id, () -> store.find(id));
    }

    private <K> Optional<ChannelConnection> cached(ConcurrentHashMap<K, Entry> map, K key,
                                                   java.util.function.Supplier<Optional<ChannelConnection>> load) {
        Instant now = clock.instant();
        Entry entry = map.get(key);
        if (entry != null && now.isBefore(entry.until())) {
            return Optional.of(entry.connection());
        }
        Optional<ChannelConnection> found = load.get();
        if (found.isPresent()) {
            if (map.size() >= MAX_ENTRIES) {
                map.clear();
            }
            map.put(key, new Entry(found.get(), now.plus(TTL)));
        } else {
            map.remove(key);
        }
        return found;
    }
}
