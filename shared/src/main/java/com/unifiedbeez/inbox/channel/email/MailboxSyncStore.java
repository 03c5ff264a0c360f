package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** How far the poller has read each mailbox (table email_sync_state). */
@Singleton
public final class MailboxSyncStore {
    /** The UIDVALIDITY the UIDs belong to, and the highest UID already enqueued. */
    public record SyncState(long uidValidity, long lastUid) {
    }

    private final Database database;

    @Inject
    public MailboxSyncStore(Database database) {
        this.database = database;
    }

    public Optional<SyncState> find(ChannelConnection connection, String mailbox) {
        return database.read(c -> Sql.one(c, """
                        SELECT uid_validity, last_uid FROM email_sync_state
                         WHERE organization_id = ? AND channel_connection_id = ? AND mailbox = ?""",
                row -> new SyncState(row.getLong("uid_validity"), row.getLong("last_uid")),
                connection.organizationId(), connection.id(), mailbox));
    }

    public void save(ChannelConnection connection, String mailbox, SyncState state) {
        database.read(c -> Sql.update(c, """
                        INSERT INTO email_sync_state (organization_id, channel_connection_id, mailbox, uid_validity, last_uid)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (channel_connection_id, mailbox)
                        DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, synced_at = now()""",
                connection.organizationId(), connection.id(), mailbox, state.uidValidity(), state.lastUid()));
    }
}
