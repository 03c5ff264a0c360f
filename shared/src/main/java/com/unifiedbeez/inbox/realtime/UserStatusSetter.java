package com.unifiedbeez.inbox.realtime;

import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * {@code PUT /api/users/:id/status}: an agent sets their own presence, an admin anyone's of the
 * organization. {@code busy}, {@code away} and {@code offline} stick; {@code online} returns to the
 * automatic presence. A change is announced to the organization ({@code presence:update}).
 */
@Singleton
public final class UserStatusSetter {
    private final Database database;
    private final PresenceBoard presence;
    private final LiveSignals signals;
    private final ConnectionCleanup cleanup;

    @Inject
    public UserStatusSetter(Database database, PresenceBoard presence, LiveSignals signals, ConnectionCleanup cleanup) {
        this.database = database;
        this.presence = presence;
        this.signals = signals;
        this.cleanup = cleanup;
    }

    public PresenceView set(Caller caller, String userId, SetStatusRequest request) {
        UUID user = Ids.parse(userId).orElseThrow(() -> ApiException.notFound("user", userId));
        if (!user.equals(caller.userId()) && !caller.isAdmin()) {
            throw ApiException.forbidden("an agent sets only their own status; an admin may set anyone's");
        }
        if (request == null || request.status() == null) {
            throw ApiException.invalid("status", "is required");
        }
        PresenceStatus status = PresenceStatus.parse(request.status())
                .orElseThrow(() -> ApiException.invalid("status", "must be one of online, away, busy, offline"));
        boolean member = database.read(c -> Sql.one(c, """
                SELECT 1 FROM users WHERE organization_id = ? AND id = ? AND deactivated_at IS NULL""",
                row -> true, caller.organizationId(), user)).isPresent();
        if (!member) {
            throw ApiException.notFound("user", user);
        }
        Instant now = Instant.now();
        presence.choose(caller.organizationId(), user, status, now)
                .ifPresent(change -> cleanup.gone(signals.presence(change, now)));
        PresenceStatus effective = presence.of(caller.organizationId(), List.of(user), now).get(user);
        return new PresenceView(user, effective.wireName());
    }
}
