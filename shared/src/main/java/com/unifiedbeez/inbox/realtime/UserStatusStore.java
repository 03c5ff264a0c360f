package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The durable side of presence: {@code users.status}, mirrored from every presence change that was
 * announced, so what reads agents from PostgreSQL (assignment, workload) sees who is available
 * without a DynamoDB call per agent. DynamoDB keeps the live truth (connections, heartbeats).
 */
@Singleton
public final class UserStatusStore {
    private final Database database;

    @Inject
    public UserStatusStore(Database database) {
        this.database = database;
    }

    /** Whether the status changed (a repeated announcement changes nothing). */
    public boolean mirror(PresenceChange change) {
        return database.transaction(c -> Sql.update(c, """
                UPDATE users SET status = ?, status_changed_at = now()
                 WHERE organization_id = ? AND id = ? AND status <> ?""",
                change.status().wireName(), change.organizationId(), change.userId(), change.status().wireName()) == 1);
    }
}
